package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void classifiesManifestsAndIndexes() {
    assertTrue(MediaTypes.isManifest(MediaTypes.OCI_MANIFEST));
    assertTrue(MediaTypes.isManifest(MediaTypes.DOCKER_MANIFEST));
    assertFalse(MediaTypes.isManifest(MediaTypes.OCI_INDEX));
    assertTrue(MediaTypes.isIndex(MediaTypes.OCI_INDEX));
    assertTrue(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST));
    assertFalse(MediaTypes.isIndex(MediaTypes.OCI_MANIFEST));
    for (String other : List.of(MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_TAR_GZIP, MediaTypes.OCI_EMPTY,
        MediaTypes.HELM_CONFIG, MediaTypes.WASM_LAYER, "")) {
      assertFalse(MediaTypes.isManifestOrIndex(other), other);
    }
    assertFalse(MediaTypes.isManifestOrIndex(null));
  }

  @Test
  void acceptListCoversEveryManifestKind() {
    assertEquals(List.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST,
        MediaTypes.DOCKER_MANIFEST_LIST), MediaTypes.MANIFEST_ACCEPT);
    MediaTypes.MANIFEST_ACCEPT.forEach(t -> assertTrue(MediaTypes.isManifestOrIndex(t), t));
  }

  @Test
  void constantsMatchTheSpecifications() {
    assertEquals("application/vnd.oci.image.manifest.v1+json", MediaTypes.OCI_MANIFEST);
    assertEquals("application/vnd.oci.image.index.v1+json", MediaTypes.OCI_INDEX);
    assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", MediaTypes.OCI_LAYER_TAR_ZSTD);
    assertEquals("application/vnd.oci.empty.v1+json", MediaTypes.OCI_EMPTY);
    assertEquals("application/vnd.docker.distribution.manifest.list.v2+json", MediaTypes.DOCKER_MANIFEST_LIST);
    assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip", MediaTypes.DOCKER_LAYER);
    assertEquals("application/vnd.cncf.helm.chart.content.v1.tar+gzip", MediaTypes.HELM_CHART_CONTENT);
    assertEquals("application/vnd.wasm.config.v0+json", MediaTypes.WASM_CONFIG);
  }

  @Test
  void mediaTypeSyntaxFollowsRfc6838() {
    for (String ok : List.of(MediaTypes.OCI_MANIFEST, MediaTypes.HELM_CHART_PROVENANCE, MediaTypes.WASM_LAYER,
        "application/vnd.dev.sigstore.bundle.v0.3+json", "text/plain; charset=utf-8",
        "application/example; profile=\"a b\"")) {
      assertTrue(MediaTypes.isValid(ok), ok);
      assertEquals(ok, MediaTypes.check(ok, "type"));
    }
    for (String bad : java.util.Arrays.asList(null, "", "sbom", "application/", "/json", "application/sbom json",
        "application/x/y", "-app/json", "application/" + "a".repeat(128), "text/plain; a=\"x\ny\"",
        "text/plain;\ta=b")) {
      assertFalse(MediaTypes.isValid(bad), String.valueOf(bad));
    }
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MediaTypes.check("sbom", "--artifact-type"));
    assertEquals("--artifact-type \"sbom\" is not a media type (TYPE/SUBTYPE, as in"
        + " application/vnd.example.sbom+json)", e.getMessage());
  }
}

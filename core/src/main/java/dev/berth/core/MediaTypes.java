package dev.berth.core;

import java.util.List;

/** Media types of the OCI image-spec v1.1, Docker image manifest v2.2, Helm and wasm artifacts. */
public final class MediaTypes {
  private MediaTypes() {}

  // OCI image-spec v1.1 (media-types.md)
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  /** The empty descriptor's type: content {@code {}}, see {@link Descriptor#EMPTY_JSON}. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  // Docker image manifest v2, schema 2
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_FOREIGN_LAYER =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  // Helm (Helm's pkg/registry constants)
  public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  public static final String HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  public static final String HELM_CHART_PROVENANCE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

  // CNCF TAG Runtime wasm OCI artifact layout
  public static final String WASM_CONFIG = "application/vnd.wasm.config.v0+json";
  public static final String WASM_LAYER = "application/wasm";

  // oras defaults
  public static final String UNKNOWN_ARTIFACT = "application/vnd.unknown.artifact.v1";
  public static final String UNKNOWN_CONFIG = "application/vnd.unknown.config.v1+json";
  public static final String UNKNOWN_LAYER = "application/vnd.unknown.layer.v1";

  /** The Accept list for manifest GET and HEAD: every manifest kind berth understands. */
  public static final List<String> MANIFEST_ACCEPT =
      List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /** Whether {@code mediaType} names an image manifest (OCI or Docker v2.2). */
  public static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** Whether {@code mediaType} names an index (OCI index or Docker manifest list). */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** Whether content of this type is a manifest or index, i.e. a graph node that may have children. */
  public static boolean isManifestOrIndex(String mediaType) {
    return isManifest(mediaType) || isIndex(mediaType);
  }
}

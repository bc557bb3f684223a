package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.layout.OciLayout;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.Skopeo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth and skopeo read each other's pushes through a real registry, byte for byte. */
class SkopeoInteropIT {
  @TempDir Path dir;

  @Test
  void skopeoPullsAnImageBerthPushedIntact() throws Exception {
    Skopeo skopeo = Skopeo.create();
    try (RegistryServer server = RegistryServer.builder().start()) {
      Repository repo = RegistryClient.builder().plainHttp(server.host()).build()
          .repository(server.host() + "/interop/from-berth");
      EncodedManifest pushed = ImageFixture.push(repo, "pushed by berth");
      repo.tag(pushed.descriptor(), "v1");

      Path layoutDir = dir.resolve("skopeo-out");
      skopeo.copy("docker://" + server.host() + "/interop/from-berth:v1", "oci:" + layoutDir + ":v1",
          "--src-tls-verify=false");

      OciLayout layout = OciLayout.open(layoutDir);
      Descriptor got = layout.resolve("v1");
      assertEquals(pushed.digest(), got.digest(), "skopeo kept the manifest's exact bytes");
      assertSameContent(repo, layout, pushed);
    }
  }

  @Test
  void berthPullsAnImageSkopeoPushedIntact() throws Exception {
    Skopeo skopeo = Skopeo.create();
    Path layoutDir = dir.resolve("source");
    OciLayout layout = OciLayout.open(layoutDir);
    EncodedManifest image = ImageFixture.push(layout, "pushed by skopeo");
    layout.tag(image.descriptor(), "v1");
    try (RegistryServer server = RegistryServer.builder().start()) {
      skopeo.copy("oci:" + layoutDir + ":v1", "docker://" + server.host() + "/interop/from-skopeo:v1",
          "--dest-tls-verify=false");

      Repository repo = RegistryClient.builder().plainHttp(server.host()).build()
          .repository(server.host() + "/interop/from-skopeo");
      Descriptor resolved = repo.resolve("v1");
      EncodedManifest fetched = repo.fetchManifest(resolved);
      assertEquals(image.digest(), fetched.digest());
      assertSameContent(layout, repo, fetched);
      assertEquals(List.of("v1"), repo.tags());
    }
  }

  /** Every child of {@code manifest} reads identically (and verified) from both stores. */
  private static void assertSameContent(dev.berth.core.content.ReadOnlyStorage a,
      dev.berth.core.content.ReadOnlyStorage b, EncodedManifest manifest) throws IOException {
    List<Descriptor> children = manifest.children();
    assertTrue(children.size() >= 2);
    for (Descriptor child : children) {
      try (InputStream x = a.fetch(child); InputStream y = b.fetch(child)) {
        assertArrayEquals(x.readAllBytes(), y.readAllBytes(), child.brief());
      }
    }
  }
}

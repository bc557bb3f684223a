package dev.berth.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Fixtures;
import dev.berth.core.content.Graphs;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.internal.Json;
import dev.berth.testkit.Skopeo;
import dev.berth.testkit.Umoci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI layouts berth writes are read by skopeo and umoci, and the layouts they write are read by berth. */
class LayoutInteropIT {
  @TempDir Path tmp;

  @Test
  void skopeoCopiesALayoutBerthWroteWithoutChangingIt() throws IOException {
    OciLayout berth = OciLayout.open(tmp.resolve("berth"));
    EncodedManifest image = TestImages.helloImage(berth, "hello from berth\n", "amd64");
    berth.tag(image.descriptor(), "v1");

    Skopeo.create().copy("oci:" + berth.root() + ":v1", "oci:" + tmp.resolve("skopeo") + ":copied");

    OciLayout copied = OciLayout.open(tmp.resolve("skopeo"));
    Descriptor root = copied.resolve("copied");
    assertEquals(image.digest(), root.digest(), "skopeo kept berth's manifest bytes");
    Graphs.assertSameGraph(berth, copied, image.descriptor());
  }

  @Test
  void skopeoCopiesAMultiPlatformIndexBerthWrote() throws IOException {
    OciLayout berth = OciLayout.open(tmp.resolve("berth"));
    // Plain entries: skopeo 1.9 predates artifactType and would rewrite an index carrying it.
    Descriptor amd = plain(TestImages.helloImage(berth, "amd64\n", "amd64").descriptor())
        .withPlatform(Platform.parse("linux/amd64"));
    Descriptor arm = plain(TestImages.helloImage(berth, "arm64\n", "arm64").descriptor())
        .withPlatform(Platform.parse("linux/arm64"));
    EncodedManifest index = EncodedManifest.of(Index.of(List.of(amd, arm)));
    Fixtures.push(berth, index);
    berth.tag(index.descriptor(), "multi");

    Skopeo.create().copy("oci:" + berth.root() + ":multi", "oci:" + tmp.resolve("skopeo") + ":multi", "--all");

    OciLayout copied = OciLayout.open(tmp.resolve("skopeo"));
    assertEquals(index.digest(), copied.resolve("multi").digest(), "skopeo kept berth's index bytes");
    Graphs.assertSameGraph(berth, copied, index.descriptor());
  }

  @Test
  void umociStatsAndUnpacksALayoutBerthWrote() throws IOException {
    OciLayout berth = OciLayout.open(tmp.resolve("berth"));
    EncodedManifest image = TestImages.helloImage(berth, "hello, umoci\n", "amd64");
    berth.tag(image.descriptor(), "v1");
    Umoci umoci = Umoci.create();

    JsonNode stat = Json.mapper().readTree(umoci.stat(berth.root(), "v1"));
    assertEquals("berth interop test", stat.path("history").path(0).path("created_by").asText());

    Path bundle = tmp.resolve("bundle");
    umoci.unpack(berth.root(), "v1", bundle);
    assertEquals("hello, umoci\n", Files.readString(bundle.resolve("rootfs/hello.txt")));
  }

  @Test
  void berthReadsALayoutUmociBuiltAndCopiesItIdentically() throws IOException {
    Path layoutDir = tmp.resolve("umoci");
    Umoci umoci = Umoci.create();
    umoci.init(layoutDir);
    umoci.newImage(layoutDir, "v1");
    Path file = Files.writeString(tmp.resolve("greeting.txt"), "made by umoci\n");
    umoci.insert(layoutDir, "v1", file, "/greeting.txt");

    OciLayout source = OciLayout.open(layoutDir);
    assertEquals(List.of("v1"), source.tags());
    Descriptor root = source.resolve("v1");
    assertEquals(MediaTypes.OCI_MANIFEST, root.mediaType());
    assertEquals(2, Contents.fetchManifest(source, root).manifest().layers().size() + 1);

    OciLayout target = OciLayout.open(tmp.resolve("berth"));
    Descriptor copied = Copier.copy(source, "v1", target, null, CopyOptions.defaults());
    assertEquals(root.digest(), copied.digest());
    assertEquals(root.digest(), target.resolve("v1").digest());
    assertSameBlobFiles(source, target, root);

    // umoci accepts berth's copy as its own.
    umoci.unpack(target.root(), "v1", tmp.resolve("bundle"));
    assertEquals("made by umoci\n", Files.readString(tmp.resolve("bundle/rootfs/greeting.txt")));
  }

  @Test
  void berthReadsEveryTagOfALayoutSkopeoWrote() throws IOException {
    OciLayout berth = OciLayout.open(tmp.resolve("berth"));
    EncodedManifest one = TestImages.helloImage(berth, "one\n", "amd64");
    EncodedManifest two = TestImages.helloImage(berth, "two\n", "arm64");
    berth.tag(one.descriptor(), "one");
    berth.tag(two.descriptor(), "two");
    Path skopeoDir = tmp.resolve("skopeo");
    Skopeo skopeo = Skopeo.create();
    skopeo.copy("oci:" + berth.root() + ":one", "oci:" + skopeoDir + ":first");
    skopeo.copy("oci:" + berth.root() + ":two", "oci:" + skopeoDir + ":second");

    OciLayout written = OciLayout.open(skopeoDir);
    assertEquals(List.of("first", "second"), written.tags());
    OciLayout target = OciLayout.open(tmp.resolve("again"));
    for (String tag : written.tags()) {
      Descriptor root = Copier.copy(written, tag, target, null, CopyOptions.defaults());
      assertSameBlobFiles(written, target, root);
    }
    assertEquals(two.digest(), target.resolve("second").digest());
    assertTrue(target.gc().deletedBlobs().isEmpty());
  }

  private static Descriptor plain(Descriptor d) {
    return Descriptor.of(d.mediaType(), d.digest(), d.size());
  }

  /** Every node below {@code root} exists in both layouts as byte-identical files. */
  private static void assertSameBlobFiles(OciLayout a, OciLayout b, Descriptor root) throws IOException {
    for (Descriptor d : Graphs.nodes(a, root).values()) {
      Path rel = Path.of("blobs", d.digest().algorithm(), d.digest().hex());
      assertEquals(-1L, Files.mismatch(a.root().resolve(rel), b.root().resolve(rel)), "blob " + d.digest());
    }
  }
}

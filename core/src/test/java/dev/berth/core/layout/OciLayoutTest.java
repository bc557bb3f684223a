package dev.berth.core.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Fixtures;
import dev.berth.core.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path dir;
  private final Fixtures fixtures = new Fixtures(3);

  @Test
  void openingAnEmptyDirectoryWritesTheLayoutSkeleton() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("new"));
    Path root = layout.root();
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(root.resolve("oci-layout")));
    JsonNode index = Json.mapper().readTree(root.resolve("index.json").toFile());
    assertEquals(2, index.get("schemaVersion").asInt());
    assertEquals(MediaTypes.OCI_INDEX, index.get("mediaType").asText());
    assertEquals(0, index.get("manifests").size());
    assertTrue(Files.isDirectory(root.resolve("blobs/sha256")));
  }

  @Test
  void blobsLiveAtAlgorithmAndHex() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    byte[] bytes = fixtures.bytes(10);
    Descriptor d = Fixtures.push(layout, MediaTypes.OCI_LAYER_TAR, bytes);
    assertTrue(Files.exists(dir.resolve("blobs/sha256/" + d.digest().hex())));
  }

  @Test
  void aBlobKnownOnlyByItsDigestResolvesToItsSize() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    Descriptor d = Fixtures.push(layout, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(10));
    assertEquals(Descriptor.of("application/octet-stream", d.digest(), d.size()), layout.resolveBlob(d.digest()));
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> layout.resolveBlob(Digest.sha256(new byte[] {1})));
    assertTrue(e.getMessage().contains("not found in OCI layout"), e.getMessage());
  }

  @Test
  void sha512BlobsLiveUnderTheirOwnAlgorithm() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    byte[] bytes = fixtures.bytes(1000);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, Digest.compute(Digest.SHA512, bytes, 0, bytes.length), 1000);
    layout.push(d, new ByteArrayInputStream(bytes));
    assertTrue(Files.exists(dir.resolve("blobs/sha512/" + d.digest().hex())));
    assertArrayEquals(bytes, Contents.fetchAll(layout, d, 1000));
  }

  @Test
  void aTagIsAnIndexEntryWithARefNameAnnotation() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    EncodedManifest m = fixtures.image(layout, 1);
    layout.tag(m.descriptor(), "v1");
    Index index = Json.read(Files.readAllBytes(dir.resolve("index.json")), Index.class, "index.json");
    assertEquals(1, index.manifests().size());
    Descriptor entry = index.manifests().get(0);
    assertEquals(m.digest(), entry.digest());
    assertEquals(MediaTypes.OCI_MANIFEST, entry.mediaType());
    assertEquals("v1", entry.annotation(Descriptor.ANNOTATION_REF_NAME));
  }

  @Test
  void untagKeepsTheManifestResolvableByDigestUntilGc() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    EncodedManifest m = fixtures.image(layout, 2);
    layout.tag(m.descriptor(), "v1");
    layout.untag("v1");
    assertThrows(NotFoundException.class, () -> layout.resolve("v1"));
    assertEquals(m.digest(), layout.resolve(m.digest().toString()).digest());
    assertThrows(NotFoundException.class, () -> layout.untag("v1"));

    GcResult gc = layout.gc();
    assertEquals(4, gc.deletedBlobs().size()); // manifest, config, two layers
    assertFalse(layout.exists(m.descriptor()));
    for (Descriptor child : m.children()) {
      assertFalse(layout.exists(child));
    }
  }

  @Test
  void gcKeepsWhatTagsReachIncludingReferrersAndSharedBlobs() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    EncodedManifest index = fixtures.multiPlatform(layout);
    layout.tag(index.descriptor(), "multi");
    EncodedManifest sig = fixtures.referrer(layout, index.descriptor(), "application/vnd.example.sig");
    EncodedManifest loose = fixtures.image(layout, 1);
    Descriptor stray = Fixtures.push(layout, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(77));

    GcResult gc = layout.gc();

    assertTrue(gc.deletedBlobs().contains(loose.digest()));
    assertTrue(gc.deletedBlobs().contains(stray.digest()));
    assertEquals(4, gc.deletedBlobs().size()); // the loose manifest, its config and layer, the stray blob
    assertTrue(layout.exists(sig.descriptor()));
    for (Descriptor platform : index.children()) {
      assertTrue(layout.exists(platform));
    }
    assertTrue(gc.freedBytes() > 77);
  }

  @Test
  void gcRemovesAbandonedTempFilesButNotFreshOnes() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    Path old = dir.resolve(".berth-tmp-crashed");
    Path fresh = dir.resolve(".berth-tmp-in-flight");
    Files.write(old, new byte[10]);
    Files.write(fresh, new byte[10]);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

    assertEquals(1, layout.gc().deletedTempFiles());
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh));
  }

  @Test
  void aFailedPushLeavesNoFilesBehind() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    byte[] bytes = fixtures.bytes(100);
    Descriptor lie = Descriptor.of(MediaTypes.OCI_LAYER_TAR, fixtures.bytes(100));
    assertThrows(DigestMismatchException.class, () -> layout.push(lie, new ByteArrayInputStream(bytes)));
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(List.of("blobs", "blobs/sha256", "index.json", "oci-layout"),
          files.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList());
    }
  }

  @Test
  void resolvesFullReferenceRefNamesExactlyAndByTag() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    EncodedManifest a = fixtures.image(layout, 1);
    EncodedManifest b = fixtures.image(layout, 1);
    layout.tag(a.descriptor(), "docker.io/library/alpine:3.19");
    layout.tag(b.descriptor(), "example.com/team/app:1.0");
    layout.tag(b.descriptor(), "example.com/other/app:3.19");

    assertEquals(a.digest(), layout.resolve("docker.io/library/alpine:3.19").digest());
    assertEquals(b.digest(), layout.resolve("1.0").digest());
    assertThrows(NotFoundException.class, () -> layout.resolve("3.19"), "two names end in :3.19");
    assertEquals(List.of("docker.io/library/alpine:3.19", "example.com/other/app:3.19", "example.com/team/app:1.0"),
        layout.tags());
  }

  @Test
  void aRefNameWithAColonIsATagNotADigest() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    EncodedManifest m = fixtures.image(layout, 1);
    layout.tag(m.descriptor(), "alpine:3");
    assertEquals(m.digest(), layout.resolve("alpine:3").digest());
  }

  @Test
  void readsAnIndexJsonWithUntaggedAndRepeatedEntries() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    EncodedManifest a = fixtures.image(layout, 1);
    EncodedManifest b = fixtures.image(layout, 1);
    String entries = "{\"schemaVersion\":2,\"manifests\":["
        + entry(a, "latest") + "," + entry(a, "v1") + "," + entry(b, null) + "]}";
    Files.writeString(dir.resolve("index.json"), entries);

    assertEquals(List.of("latest", "v1"), layout.tags());
    assertEquals(a.digest(), layout.resolve("v1").digest());
    assertEquals(b.digest(), layout.resolve(b.digest().toString()).digest());
    assertTrue(layout.gc().deletedBlobs().isEmpty(), "untagged index.json entries are roots too");

    layout.delete(a.descriptor());
    assertEquals(List.of(), layout.tags());
  }

  @Test
  void resolvingTheDigestOfAPlainBlobIsNotFound() throws IOException {
    OciLayout layout = OciLayout.open(dir);
    Descriptor json = Fixtures.push(layout, MediaTypes.OCI_CONFIG, "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
    assertThrows(NotFoundException.class, () -> layout.resolve(json.digest().toString()));
  }

  @Test
  void aReopenedLayoutFindsReferrersByScanning() throws IOException {
    OciLayout first = OciLayout.open(dir);
    EncodedManifest subject = fixtures.image(first, 1);
    EncodedManifest sig = fixtures.referrer(first, subject.descriptor(), "application/vnd.example.sig");

    List<Descriptor> found = OciLayout.open(dir).referrers(subject.descriptor(), null);
    assertEquals(1, found.size());
    assertEquals(sig.digest(), found.get(0).digest());
    assertEquals("application/vnd.example.sig", found.get(0).artifactType());
  }

  @Test
  void refusesAnUnknownLayoutVersion() throws IOException {
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
    assertThrows(UnsupportedException.class, () -> OciLayout.open(dir));
  }

  @Test
  void twoInstancesOnOneDirectoryDoNotLoseTags() throws Exception {
    OciLayout one = OciLayout.open(dir);
    OciLayout two = OciLayout.open(dir);
    EncodedManifest m = fixtures.image(one, 1);
    Thread t1 = new Thread(() -> tagMany(one, m.descriptor(), "a"));
    Thread t2 = new Thread(() -> tagMany(two, m.descriptor(), "b"));
    t1.start();
    t2.start();
    t1.join();
    t2.join();
    assertEquals(40, one.tags().size());
  }

  private static void tagMany(OciLayout layout, Descriptor d, String prefix) {
    try {
      for (int i = 0; i < 20; i++) {
        layout.tag(d, prefix + i);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String entry(EncodedManifest m, String refName) {
    Descriptor d = Descriptor.of(m.mediaType(), m.digest(), m.descriptor().size());
    if (refName != null) {
      d = d.withAnnotation(Descriptor.ANNOTATION_REF_NAME, refName);
    }
    return new String(Json.write(d), StandardCharsets.UTF_8);
  }
}

package dev.berth.core.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Fixtures;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout is untrusted input (issue 20): another user, a shared volume or a downloaded archive may have
 * planted links, FIFOs, huge files or odd digests in it. Nothing of it may make berth read or write
 * outside the layout, block, or read without a bound.
 */
class HostileLayoutTest {
  private static final Duration NO_HANG = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final Fixtures fixtures = new Fixtures(20);

  private Path layoutDir() throws IOException {
    return OciLayout.open(dir.resolve("layout")).root();
  }

  private Path outside() throws IOException {
    return Files.createDirectories(dir.resolve("outside"));
  }

  @Test
  void aDigestWithAnAlgorithmBerthCannotVerifyNeverBecomesAPath() throws IOException {
    Path root = layoutDir();
    Path outside = outside();
    Files.writeString(outside.resolve("authorized_keys"), "ssh-ed25519 AAAA the owner's key\n");
    Files.createSymbolicLink(root.resolve("blobs/ssh"), outside);
    OciLayout layout = OciLayout.open(root);
    byte[] planted = "ssh-ed25519 AAAA the attacker's key\n".getBytes(StandardCharsets.UTF_8);
    Descriptor hostile = Descriptor.of(MediaTypes.OCI_LAYER_TAR, Digest.parse("ssh:authorized_keys"), planted.length);

    UnsupportedException push = assertThrows(UnsupportedException.class,
        () -> layout.push(hostile, new ByteArrayInputStream(planted)));
    assertTrue(push.getMessage().contains("ssh:authorized_keys") && push.getMessage().contains("sha256"),
        push.getMessage());
    assertThrows(UnsupportedException.class, () -> layout.fetch(hostile));
    assertThrows(UnsupportedException.class, () -> layout.exists(hostile));
    assertThrows(UnsupportedException.class, () -> layout.resolveBlob(hostile.digest()));
    assertEquals("ssh-ed25519 AAAA the owner's key\n", Files.readString(outside.resolve("authorized_keys")));
  }

  @Test
  void aCopyIntoALayoutWithAPlantedAlgorithmLinkDoesNotWriteOutside() throws IOException {
    Path root = layoutDir();
    Path outside = outside();
    Files.delete(root.resolve("blobs/sha256"));
    Files.createSymbolicLink(root.resolve("blobs/sha256"), outside);
    MemoryStore src = new MemoryStore();
    EncodedManifest image = fixtures.image(src, 2);
    src.tag(image.descriptor(), "v1");
    OciLayout layout = OciLayout.open(root);

    IOException e = assertThrows(IOException.class,
        () -> Copier.copy(src, "v1", layout, "v1", CopyOptions.defaults()));
    assertTrue(e.getMessage().contains("blobs/sha256") && e.getMessage().contains("link"), e.getMessage());
    try (Stream<Path> written = Files.list(outside)) {
      assertEquals(List.of(), written.toList());
    }
  }

  @Test
  void aSymlinkedBlobsDirectoryIsNotFollowed() throws IOException {
    Path root = layoutDir();
    Path outside = outside();
    byte[] bytes = fixtures.bytes(100);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, bytes);
    Files.createDirectories(outside.resolve("sha256"));
    Files.write(outside.resolve("sha256").resolve(d.digest().hex()), bytes);
    deleteTree(root.resolve("blobs"));
    Files.createSymbolicLink(root.resolve("blobs"), outside);
    OciLayout layout = OciLayout.open(root);

    IOException e = assertThrows(IOException.class, () -> layout.fetch(d));
    assertTrue(e.getMessage().contains("blobs") && e.getMessage().contains("link"), e.getMessage());
    assertThrows(IOException.class, () -> layout.push(d, new ByteArrayInputStream(bytes)));
  }

  @Test
  void aBlobThatIsASymlinkOutOfTheLayoutIsNeitherReadNorCounted() throws IOException {
    Path root = layoutDir();
    byte[] bytes = fixtures.bytes(100);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, bytes);
    Path secret = Files.write(outside().resolve("secret"), bytes);
    Files.createSymbolicLink(root.resolve("blobs/sha256").resolve(d.digest().hex()), secret);
    OciLayout layout = OciLayout.open(root);

    IOException e = assertThrows(IOException.class, () -> layout.fetch(d));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertThrows(IOException.class, () -> layout.resolveBlob(d.digest()));
    assertThrows(IOException.class, () -> layout.exists(d));
  }

  @Test
  void aBlobThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
    Path root = layoutDir();
    byte[] bytes = fixtures.bytes(100);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, bytes);
    Path fifo = root.resolve("blobs/sha256").resolve(d.digest().hex());
    mkfifo(fifo);
    Descriptor linked = Descriptor.of(MediaTypes.OCI_LAYER_TAR, fixtures.bytes(50));
    Path outsideFifo = outside().resolve("fifo");
    mkfifo(outsideFifo);
    Files.createSymbolicLink(root.resolve("blobs/sha256").resolve(linked.digest().hex()), outsideFifo);
    OciLayout layout = OciLayout.open(root);

    assertTimeoutPreemptively(NO_HANG, () -> {
      IOException e = assertThrows(IOException.class, () -> layout.fetch(d));
      assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
      assertThrows(IOException.class, () -> layout.fetch(linked));
      // resolving by digest sniffs the blob for a manifest: that must not open the FIFO either
      assertThrows(IOException.class, () -> layout.resolve(d.digest().toString()));
      // the referrers scan reads regular files only: the FIFOs are skipped, not opened
      assertEquals(List.of(), layout.referrers(d, null));
    });
  }

  @Test
  void aHugeIndexJsonIsRefusedByItsCapWithoutReadingIt() throws Exception {
    Path root = layoutDir();
    try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("index.json").toFile(), "rw")) {
      sparse.setLength(1L << 30);
    }
    OciLayout layout = OciLayout.open(root);
    SizeLimitExceededException e = assertThrows(SizeLimitExceededException.class, layout::tags);
    assertTrue(e.getMessage().contains("index.json"), e.getMessage());
  }

  @Test
  void anIndexJsonLinkedToADeviceIsRefusedAsNotARegularFile() throws Exception {
    Path root = layoutDir();
    Files.delete(root.resolve("index.json"));
    Files.createSymbolicLink(root.resolve("index.json"), Path.of("/dev/zero"));
    OciLayout layout = OciLayout.open(root);
    assertTimeoutPreemptively(NO_HANG, () -> {
      IOException e = assertThrows(IOException.class, layout::tags);
      assertTrue(e.getMessage().contains("index.json") && e.getMessage().contains("symbolic link"),
          e.getMessage());
    });
  }

  @Test
  void anOciLayoutMarkerThatIsAFifoOrHugeIsRefused() throws Exception {
    Path fifoRoot = Files.createDirectories(dir.resolve("fifo-marker"));
    mkfifo(fifoRoot.resolve("oci-layout"));
    assertTimeoutPreemptively(NO_HANG, () -> {
      IOException e = assertThrows(IOException.class, () -> OciLayout.open(fifoRoot));
      assertTrue(e.getMessage().contains("oci-layout") && e.getMessage().contains("FIFO"), e.getMessage());
    });
    Path hugeRoot = Files.createDirectories(dir.resolve("huge-marker"));
    try (RandomAccessFile sparse = new RandomAccessFile(hugeRoot.resolve("oci-layout").toFile(), "rw")) {
      sparse.setLength(1L << 30);
    }
    assertThrows(SizeLimitExceededException.class, () -> OciLayout.open(hugeRoot));
  }

  @Test
  void anIndexThatListsItselfEndsWithAClearError() throws Exception {
    // Only digests berth cannot verify could make content list itself: such an index is refused.
    Path root = layoutDir();
    Digest self = Digest.parse("sha384:loop");
    Path blob = Files.createDirectories(root.resolve("blobs/sha384")).resolve("loop");
    String loop = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + "{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"digest\":\"" + self + "\",\"size\":1}]}";
    Files.writeString(blob, loop);
    Descriptor entry = Descriptor.of(MediaTypes.OCI_INDEX, self, loop.length())
        .withAnnotation(Descriptor.ANNOTATION_REF_NAME, "loop");
    Files.writeString(root.resolve("index.json"), new String(dev.berth.core.internal.ModelWriter.index(
        Index.of(List.of(entry))), StandardCharsets.UTF_8));
    OciLayout layout = OciLayout.open(root);
    assertTimeoutPreemptively(NO_HANG, () -> {
      IOException e = assertThrows(IOException.class,
          () -> Copier.copy(layout, "loop", new MemoryStore(), "loop", CopyOptions.defaults()));
      assertTrue(e.getMessage().contains("sha384:loop"), e.getMessage());
      GcResult gc = layout.gc();
      assertEquals(List.of(), gc.deletedBlobs());
    });
  }

  @Test
  void regularBlobsStillWorkAfterTheChecks() throws IOException {
    OciLayout layout = OciLayout.open(dir.resolve("plain"));
    EncodedManifest image = fixtures.image(layout, 1);
    layout.tag(image.descriptor(), "v1");
    assertEquals(image.descriptor().digest(), layout.resolve("v1").digest());
    assertArrayEquals(image.bytes(), Contents.fetchManifest(layout, image.descriptor()).bytes());
    assertTrue(layout.exists(image.descriptor()));
    assertFalse(layout.exists(Descriptor.of(MediaTypes.OCI_LAYER_TAR, new byte[] {9})));
  }

  static void mkfifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path x : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}

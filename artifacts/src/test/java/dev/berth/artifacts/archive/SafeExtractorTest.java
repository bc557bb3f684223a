package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.SizeLimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeExtractorTest {
  @TempDir Path tmp;
  Path dest;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    dest = Files.createDirectories(tmp.resolve("dest"));
    outside = tmp.resolve("outside.txt");
    Files.writeString(dest.resolve("existing.txt"), "keep me");
  }

  @Test
  void extractsFilesDirectoriesAndInnerLinks() throws IOException {
    byte[] tgz = new TarFixtures()
        .dir("app")
        .file("app/a.txt", "alpha")
        .dir("app/bin")
        .file("app/bin/run.sh", "#!/bin/sh")
        .symlink("app/link-to-a", "a.txt")
        .symlink("app/bin/up", "../a.txt")
        .hardlink("app/hard-a", "app/a.txt")
        .tgz();
    List<Path> top = SafeExtractor.defaults().extract(new ByteArrayInputStream(tgz), dest);

    assertEquals(List.of(dest.resolve("app")), top);
    assertEquals("alpha", Files.readString(dest.resolve("app/a.txt")));
    assertEquals("alpha", Files.readString(dest.resolve("app/link-to-a")));
    assertEquals("alpha", Files.readString(dest.resolve("app/bin/up")));
    assertEquals("alpha", Files.readString(dest.resolve("app/hard-a")));
    assertEquals(Path.of("../a.txt"), Files.readSymbolicLink(dest.resolve("app/bin/up")));
    assertNoStagingLeft();
  }

  @Test
  void refusesParentSegments() {
    assertRefused(() -> new TarFixtures().file("ok.txt", "x").file("../evil.txt", "x").tar(), "\"..\"");
    assertRefused(() -> new TarFixtures().file("a/../../evil.txt", "x").tar(), "\"..\"");
  }

  @Test
  void refusesAbsolutePaths() {
    assertRefused(() -> new TarFixtures().file(outside.toString(), "x").tar(), "absolute");
  }

  @Test
  void refusesSymlinkPointingOutside() {
    assertRefused(() -> new TarFixtures().symlink("evil", outside.toString()).tar(), "absolute");
    assertRefused(() -> new TarFixtures().dir("d").symlink("d/evil", "../../outside.txt").tar(), "outside");
  }

  @Test
  void refusesWritingThroughAnEarlierSymlink() {
    // Step 1 plants a link to "." (inside, so allowed); step 2 writes through it.
    assertRefused(() -> new TarFixtures().symlink("d", ".").file("d/x.txt", "x").tar(), "symbolic link");
  }

  @Test
  void normalisesLinkTargetsSoChainedLinksCannotClimbOut() throws IOException {
    // "q" -> "." and "p" -> "q/.." would, resolved by the OS through q, mean the parent of the destination.
    byte[] tar = new TarFixtures().symlink("q", ".").symlink("p", "q/..").tar();
    SafeExtractor.defaults().extract(new ByteArrayInputStream(tar), dest);
    assertEquals(Path.of("."), Files.readSymbolicLink(dest.resolve("p")));
    assertEquals(dest.toRealPath(), dest.resolve("p").toRealPath());
  }

  @Test
  void refusesHardLinksToAnythingButExtractedFiles() {
    assertRefused(() -> new TarFixtures().hardlink("evil", outside.toString()).tar(), "absolute");
    assertRefused(() -> new TarFixtures().hardlink("evil", "../outside.txt").tar(), "\"..\"");
    assertRefused(() -> new TarFixtures().hardlink("evil", "existing.txt").tar(), "not a regular file extracted");
  }

  @Test
  void refusesDevicesAndFifos() {
    assertRefused(() -> new TarFixtures().entry("null", TarConstants.LF_CHR, null).tar(), "character device");
    assertRefused(() -> new TarFixtures().entry("sda", TarConstants.LF_BLK, null).tar(), "block device");
    assertRefused(() -> new TarFixtures().entry("pipe", TarConstants.LF_FIFO, null).tar(), "FIFO");
  }

  @Test
  void stopsADecompressionBombAtTheLimit() throws IOException {
    // 64 MiB of zeros compresses to about 64 KiB; the limit is 1 MiB.
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(gz))) {
      TarArchiveEntry e = new TarArchiveEntry("zeros.bin");
      e.setSize(64L << 20);
      tar.putArchiveEntry(e);
      byte[] block = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        tar.write(block);
      }
      tar.closeArchiveEntry();
    }
    assertTrue(gz.size() < (1 << 20), "fixture should be small when compressed: " + gz.size());
    SafeExtractor small = SafeExtractor.builder().maxBytes(1 << 20).build();
    SizeLimitExceededException ex = assertThrows(SizeLimitExceededException.class,
        () -> small.extract(new ByteArrayInputStream(gz.toByteArray()), dest));
    assertEquals(1 << 20, ex.limit());
    assertDestinationUnchanged();
  }

  @Test
  void capsTheNumberOfEntries() throws IOException {
    SafeExtractor few = SafeExtractor.builder().maxEntries(3).build();
    UnsafeArchiveException ex = assertThrows(UnsafeArchiveException.class, () -> few.extract(
        new ByteArrayInputStream(new TarFixtures().file("1", "").file("2", "").file("3", "").file("4", "").tar()),
        dest));
    assertTrue(ex.getMessage().contains("more than 3 entries"), ex.getMessage());
    assertDestinationUnchanged();
  }

  @Test
  void requiredPrefixKeepsEntriesInTheirDirectory() throws IOException {
    SafeExtractor ex = SafeExtractor.builder().requirePrefix("docs").build();
    ex.extract(new ByteArrayInputStream(new TarFixtures().dir("docs").file("docs/a.md", "a").tar()), dest);
    assertEquals("a", Files.readString(dest.resolve("docs/a.md")));
    assertThrows(UnsafeArchiveException.class, () -> ex.extract(
        new ByteArrayInputStream(new TarFixtures().file("docs/b.md", "b").file("other.md", "o").tar()), dest));
    assertFalse(Files.exists(dest.resolve("other.md")));
  }

  @Test
  void withARequiredPrefixLinksMustStayInsideIt() throws IOException {
    SafeExtractor ex = SafeExtractor.builder().requirePrefix("docs").build();
    UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class, () -> ex.extract(
        new ByteArrayInputStream(new TarFixtures().dir("docs").symlink("docs/l", "../existing.txt").tar()), dest));
    assertTrue(e.getMessage().contains("outside \"docs/\""), e.getMessage());
    assertThrows(UnsafeArchiveException.class, () -> ex.extract(new ByteArrayInputStream(
        new TarFixtures().dir("docs").hardlink("docs/h", "existing.txt").tar()), dest));
    assertDestinationUnchanged();
    ex.extract(new ByteArrayInputStream(new TarFixtures().dir("docs").file("docs/a", "a").symlink("docs/l", "a")
        .tar()), dest);
    assertEquals("a", Files.readString(dest.resolve("docs/l")));
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    byte[] tar = new TarFixtures().file("existing.txt", "new").file("fresh.txt", "fresh").tar();
    assertThrows(FileAlreadyExistsException.class,
        () -> SafeExtractor.defaults().extract(new ByteArrayInputStream(tar), dest));
    assertDestinationUnchanged();

    SafeExtractor.builder().overwrite(true).build().extract(new ByteArrayInputStream(tar), dest);
    assertEquals("new", Files.readString(dest.resolve("existing.txt")));
    assertEquals("fresh", Files.readString(dest.resolve("fresh.txt")));
    assertNoStagingLeft();
  }

  @Test
  void aTruncatedArchiveWritesNothing() throws IOException {
    byte[] tgz = new TarFixtures().file("a.txt", "a".repeat(100_000)).tgz();
    byte[] truncated = java.util.Arrays.copyOf(tgz, tgz.length / 2);
    assertThrows(IOException.class,
        () -> SafeExtractor.defaults().extract(new ByteArrayInputStream(truncated), dest));
    assertDestinationUnchanged();
  }

  @Test
  void aMissingDestinationIsCreatedAndRemovedAgainOnFailure() throws IOException {
    Path fresh = tmp.resolve("fresh");
    assertThrows(UnsafeArchiveException.class, () -> SafeExtractor.defaults().extract(
        new ByteArrayInputStream(new TarFixtures().file("ok", "x").file("../bad", "x").tar()), fresh));
    assertFalse(Files.exists(fresh));
  }

  private interface ArchiveSupplier {
    byte[] get() throws IOException;
  }

  private void assertRefused(ArchiveSupplier archive, String reason) {
    UnsafeArchiveException ex = assertThrows(UnsafeArchiveException.class,
        () -> SafeExtractor.defaults().extract(new ByteArrayInputStream(archive.get()), dest));
    assertTrue(ex.getMessage().contains(reason), ex.getMessage());
    try {
      assertDestinationUnchanged();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertFalse(Files.exists(outside));
  }

  private void assertDestinationUnchanged() throws IOException {
    try (Stream<Path> s = Files.list(dest)) {
      assertEquals(List.of(dest.resolve("existing.txt")), s.toList());
    }
    assertEquals("keep me", Files.readString(dest.resolve("existing.txt"), StandardCharsets.UTF_8));
  }

  private void assertNoStagingLeft() throws IOException {
    try (Stream<Path> s = Files.list(dest)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(StagingDirectory.PREFIX)));
    }
  }

  @SuppressWarnings("unused")
  private static InputStream stream(byte[] b) {
    return new ByteArrayInputStream(b);
  }
}

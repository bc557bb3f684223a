package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchiverTest {
  @TempDir Path tmp;

  @Test
  void sameContentGivesSameBytesWhateverTheTimesAndCreationOrder() throws IOException {
    Path a = tree(tmp.resolve("a"), List.of("z.txt", "b/y.txt", "a.txt"), Instant.parse("2020-01-01T00:00:00Z"));
    Path b = tree(tmp.resolve("b"), List.of("a.txt", "b/y.txt", "z.txt"), Instant.parse("2024-06-01T12:00:00Z"));
    TarArchiver archiver = TarArchiver.builder().prefix("dir").build();

    assertArrayEquals(bytes(archiver, a), bytes(archiver, b));
  }

  @Test
  void entriesAreSortedPrefixedAndNormalised() throws IOException {
    Path src = tree(tmp.resolve("src"), List.of("b.txt", "a/inner.txt", "a.txt"), Instant.now());
    Files.setPosixFilePermissions(src.resolve("b.txt"), PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));

    List<TarArchiveEntry> entries = entries(bytes(TarArchiver.builder().prefix("dir").build(), src));

    assertEquals(List.of("dir/", "dir/a/", "dir/a/inner.txt", "dir/a.txt", "dir/b.txt", "dir/link"),
        entries.stream().map(TarArchiveEntry::getName).toList());
    for (TarArchiveEntry e : entries) {
      assertEquals(0, e.getModTime().getTime(), e.getName());
      assertEquals(0, e.getLongUserId());
      assertEquals(0, e.getLongGroupId());
      assertEquals("", e.getUserName());
      assertEquals("", e.getGroupName());
    }
    assertEquals(0755, entries.get(0).getMode() & 07777);
    assertEquals(0644, entries.get(3).getMode() & 07777);
    assertEquals(0755, entries.get(4).getMode() & 07777);
    assertEquals("a.txt", entries.get(5).getLinkName());
  }

  @Test
  void gzipHeaderCarriesNoTimeNameOrOperatingSystem() throws IOException {
    Path src = tree(tmp.resolve("src"), List.of("a.txt"), Instant.now());
    byte[] gz = bytes(TarArchiver.builder().build(), src);
    // RFC 1952: magic, CM=8, FLG=0 (no name/comment/extra), MTIME=0, XFL, OS=255.
    assertEquals(0x1f, gz[0] & 0xff);
    assertEquals(0x8b, gz[1] & 0xff);
    assertEquals(0, gz[3]);
    assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(gz, 4, 8));
    assertEquals(255, gz[9] & 0xff);
  }

  @Test
  void longNamesDoNotLeakTheLocalUser() throws IOException {
    String longName = "d".repeat(120) + "/" + "f".repeat(120) + ".txt";
    Path src = tree(tmp.resolve("src"), List.of(longName), Instant.now());
    byte[] tar = bytes(TarArchiver.builder().gzip(false).build(), src);
    String user = System.getProperty("user.name");
    String text = new String(tar, StandardCharsets.ISO_8859_1);
    assertFalse(!user.isEmpty() && text.contains(user), "archive contains the local user name " + user);
    assertEquals(longName, entries(TarFixtures.gzip(tar)).get(1).getName());
  }

  @Test
  void resultDigestIsOfTheUncompressedTar() throws IOException {
    Path src = tree(tmp.resolve("src"), List.of("a.txt", "b.txt"), Instant.now());
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    TarArchiver.Result r = TarArchiver.builder().prefix("p").build().write(src, gz);
    byte[] tar = new GzipCompressorInputStream(new ByteArrayInputStream(gz.toByteArray())).readAllBytes();
    assertEquals(Digest.sha256(tar), r.tarDigest());
    assertEquals(tar.length, r.tarSize());
    assertEquals(3, r.entries());
  }

  @Test
  void extractingWhatWasArchivedGivesTheSameTree() throws IOException {
    Path src = tree(tmp.resolve("src"), List.of("a.txt", "sub/b.txt", "sub/deeper/c.txt"), Instant.now());
    Files.createSymbolicLink(src.resolve("sub/up"), Path.of("../a.txt"));
    byte[] tgz = bytes(TarArchiver.builder().prefix("copy").build(), src);
    Path out = tmp.resolve("out");
    SafeExtractor.builder().requirePrefix("copy").build().extract(new ByteArrayInputStream(tgz), out);
    for (String f : List.of("a.txt", "sub/b.txt", "sub/deeper/c.txt", "sub/up")) {
      assertEquals(Files.readString(src.resolve(f)), Files.readString(out.resolve("copy").resolve(f)), f);
    }
  }

  @Test
  void refusesSpecialFiles() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path fifo = src.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (p.waitFor() != 0) {
      return; // no mkfifo here: nothing to test
    }
    IOException e = assertThrows(IOException.class, () -> bytes(TarArchiver.builder().build(), src));
    assertEquals(true, e.getMessage().contains("not a regular file"));
  }

  @Test
  void filterSkipsRejectedPathsAndWholeDirectories() throws IOException {
    Path src = tree(tmp.resolve("src"), List.of("keep.txt", "skip.tmp", "build/out.bin"), Instant.now());
    TarArchiver a = TarArchiver.builder()
        .include(rel -> !rel.endsWith(".tmp") && !rel.equals("build/")).build();
    assertEquals(List.of("keep.txt"), entries(bytes(a, src)).stream().map(TarArchiveEntry::getName).toList());
  }

  private static byte[] bytes(TarArchiver archiver, Path src) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    archiver.write(src, out);
    return out.toByteArray();
  }

  private static List<TarArchiveEntry> entries(byte[] tgz) throws IOException {
    List<TarArchiveEntry> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(
        new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  private static Path tree(Path root, List<String> files, Instant mtime) throws IOException {
    for (String f : files) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "content of " + f);
      Files.setLastModifiedTime(p, FileTime.from(mtime));
    }
    return root;
  }
}

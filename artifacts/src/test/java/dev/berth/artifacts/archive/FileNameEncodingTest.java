package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names the JVM cannot decode (invalid UTF-8) never collapse two files into one entry (issue 20:
 * files x\xff and x\xfe became one "x?" twice); names with a newline are kept as they are.
 */
class FileNameEncodingTest {
  @TempDir Path dir;

  private void shell(String script) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).inheritIO().start();
    assertEquals(0, p.waitFor());
  }

  @Test
  void namesThatAreNotValidUtf8AreRefusedNotMerged() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    shell("printf one > \"tree/$(printf 'x\\377')\" && printf two > \"tree/$(printf 'x\\376')\"");
    try (var listing = Files.list(tree)) {
      assertEquals(2, listing.count(), "two files on disk");
    }
    UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
        () -> TarArchiver.builder().build().write(tree, OutputStream.nullOutputStream()));
    assertTrue(e.getMessage().contains("file-name encoding"), e.getMessage());
  }

  @Test
  void aNameWithANewlineIsKeptAsItIs() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("a\nb"), "newline");
    Files.writeString(tree.resolve("a"), "plain");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    TarArchiver.Result r = TarArchiver.builder().build().write(tree, out);
    assertEquals(2, r.entries());
    byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(out.toByteArray())).readAllBytes();
    assertTrue(new String(tar, StandardCharsets.UTF_8).contains("a\nb"));
  }
}

package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code PATH[:TYPE]} splits (issue 20: a directory "a:b/c" was pushed as file "a" of type "b/c"). */
class FileSpecTest {
  @TempDir Path dir;

  private static PushCommand.FileSpec parse(String spec, String... existing) {
    Set<String> present = Set.of(existing);
    return PushCommand.FileSpec.parse(spec, p -> present.contains(p.toString()));
  }

  @Test
  void anExistingPathWithAColonIsThePathNotAFileAndAType() {
    PushCommand.FileSpec f = parse("a:b/c", "a:b/c");
    assertEquals(Path.of("a:b/c"), f.path());
    assertNull(f.mediaType());
  }

  @Test
  void aMissingWholePathSplitsAtTheLastColon() {
    PushCommand.FileSpec f = parse("a:text/plain", "a");
    assertEquals(Path.of("a"), f.path());
    assertEquals("text/plain", f.mediaType());
    PushCommand.FileSpec forced = parse("a:b/c:application/vnd.oci.image.layer.v1.tar", "a:b/c", "a");
    assertEquals(Path.of("a:b/c"), forced.path());
    assertEquals("application/vnd.oci.image.layer.v1.tar", forced.mediaType());
  }

  @Test
  void bothReadingsExistingIsRefusedAsAmbiguous() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("a:b/c", "a", "a:b/c"));
    assertTrue(e.getMessage().contains("ambiguous") && e.getMessage().contains("a:b/c:TYPE/SUBTYPE"), e.getMessage());
  }

  @Test
  void aSuffixWithoutASlashIsPartOfThePath() {
    assertEquals(Path.of("a:b"), parse("a:b").path());
    assertNull(parse("C:\\x").mediaType());
  }

  @Test
  void theCliPushesTheDirectoryNamedWithAColon() throws Exception {
    Path tricky = Files.createDirectories(dir.resolve("a:b").resolve("c"));
    Files.writeString(tricky.resolve("inside.txt"), "inside");
    Files.writeString(dir.resolve("a"), "the file a");
    CliRun r = CliRun.run("push", "oci:" + dir.resolve("layout") + ":v1", tricky.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("ambiguous"), r.err());
    Files.delete(dir.resolve("a"));
    CliRun ok = CliRun.run("push", "oci:" + dir.resolve("layout") + ":v1", tricky.toString());
    assertEquals(ExitCodes.OK, ok.exit(), ok.err());
    CliRun manifest = CliRun.run("manifest", "get", "oci:" + dir.resolve("layout") + ":v1");
    assertTrue(manifest.out().contains("\"org.opencontainers.image.title\":\"c\""), manifest.out());
  }
}

package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early check must say what commit would say, or nothing. */
class StagingDirectoryTest {
  @TempDir Path tmp;

  /** What commit says about a file staged as {@code name}: null when it lands. */
  private String commitVerdict(Path out, String name, boolean overwrite) throws IOException {
    try (StagingDirectory staging = StagingDirectory.create(out)) {
      Files.writeString(staging.newFile(name), "new");
      staging.commit(overwrite);
      return null;
    } catch (FileAlreadyExistsException e) {
      return e.getMessage();
    }
  }

  private String checkVerdict(Path out, String name, boolean overwrite) throws IOException {
    try {
      StagingDirectory.checkFileCanLand(out, name, overwrite);
      return null;
    } catch (FileAlreadyExistsException e) {
      return e.getMessage();
    }
  }

  @Test
  void refusesEarlyExactlyWhatCommitRefuses() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("a.txt"), "old");
    Files.createDirectories(out.resolve("dir/sub"));
    for (boolean overwrite : new boolean[] {false, true}) {
      for (String name : new String[] {"a.txt", "dir/sub", "dir/new.txt", "fresh/b.txt"}) {
        String early = checkVerdict(out, name, overwrite);
        if (early != null) {
          assertEquals(early, commitVerdict(out, name, overwrite), name + " overwrite=" + overwrite);
        }
      }
    }
    assertTrue(checkVerdict(out, "a.txt", false).contains("already exists"));
    assertTrue(checkVerdict(out, "dir/sub", true).contains("exists as a directory"));
  }

  @Test
  void saysNothingWhereALinkOrAFileStandsForAParent() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("a.txt"), "theirs");
    Files.createSymbolicLink(out.resolve("docs"), elsewhere);
    Files.writeString(out.resolve("plain"), "file");
    StagingDirectory.checkFileCanLand(out, "docs/a.txt", false);
    StagingDirectory.checkFileCanLand(out, "plain/a.txt", false);
    assertEquals("theirs", Files.readString(elsewhere.resolve("a.txt")));
  }

  @Test
  void anEmptyNameIsLeftToNewFile() {
    assertThrows(UnsafeArchiveException.class, () -> StagingDirectory.checkFileCanLand(tmp, "", false));
  }
}

package dev.berth.artifacts.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.content.ExitCleanup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory archives of killed pushes ({@code berth-dir-PID-*.tar.gz}) are removed when their process is gone. */
class DirectoryArchivesTest {
  @TempDir Path dir;

  @Test
  void archivesOfGoneProcessesAreSweptOthersKept() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path killed = Files.createFile(dir.resolve("berth-dir-" + p.pid() + "-99.tar.gz"));
    Path ours = Files.createFile(dir.resolve("berth-dir-" + ExitCleanup.pid() + "-98.tar.gz"));
    Path legacy = Files.createFile(dir.resolve("berth-dir-1234567.tar.gz"));
    assertEquals(1, DirectoryArchives.sweep(dir));
    assertFalse(Files.exists(killed));
    assertTrue(Files.exists(ours));
    assertTrue(Files.exists(legacy));
  }

  @Test
  void aNewArchiveIsNamedWithThisProcess() throws Exception {
    Path file = DirectoryArchives.createTempFile();
    try {
      assertEquals(ExitCleanup.pid(), DirectoryArchives.pidOf(file.getFileName().toString()));
    } finally {
      Files.deleteIfExists(file);
      ExitCleanup.release(file);
    }
  }
}

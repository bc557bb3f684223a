package dev.berth.artifacts.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull never replaces a device, FIFO or socket with a regular file, overwrite or not (issue 20: as
 * root, {@code -o /dev/null} replaced the system's /dev/null). The devices here are private ones made
 * with mknod in a temp directory, never the system's.
 */
class SpecialFilesInTheWayTest {
  @TempDir Path dir;

  private Path node(String name, String... mknodArgs) throws Exception {
    Path p = dir.resolve("out").resolve(name);
    Files.createDirectories(p.getParent());
    String[] cmd = new String[mknodArgs.length + 2];
    cmd[0] = "mknod";
    cmd[1] = p.toString();
    System.arraycopy(mknodArgs, 0, cmd, 2, mknodArgs.length);
    Process proc = new ProcessBuilder(cmd).inheritIO().start();
    assumeTrue(proc.waitFor() == 0, "mknod needs root");
    return p;
  }

  @Test
  void aCharacterDeviceOrFifoInTheWayIsRefusedEvenWithOverwrite() throws Exception {
    Path device = node("null", "c", "1", "3");
    Path fifo = node("pipe", "p");
    for (Path inTheWay : new Path[] {device, fifo}) {
      String name = inTheWay.getFileName().toString();
      FileSystemException early = assertThrows(FileSystemException.class,
          () -> StagingDirectory.checkFileCanLand(inTheWay.getParent(), name, true));
      assertTrue(early.getMessage().contains("never replaces"), early.getMessage());
      try (StagingDirectory staging = StagingDirectory.create(inTheWay.getParent())) {
        Files.writeString(staging.newFile(name), "pulled");
        FileSystemException e = assertThrows(FileSystemException.class, () -> staging.commit(true));
        assertTrue(e.getMessage().contains(inTheWay.toString()), e.getMessage());
      }
      assertFalse(Files.isRegularFile(inTheWay, LinkOption.NOFOLLOW_LINKS), inTheWay + " was replaced");
      assertTrue(Files.exists(inTheWay, LinkOption.NOFOLLOW_LINKS));
    }
    try (Stream<Path> left = Files.list(dir.resolve("out"))) {
      assertEquals(2, left.count(), "no staging directory left behind");
    }
  }
}

package dev.berth.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.MediaTypes;
import dev.berth.core.content.ExitCleanup;
import dev.berth.core.content.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during a push into a layout left a 182 MB {@code .berth-tmp-*} that nothing removed
 * (issue 13/20). A temp file has no live owner when nobody holds its lock and its writer's process (in
 * its name) is gone; the next write into the layout and gc remove it, without the minute's grace an
 * unattributable file gets.
 */
class KilledWriterLeftoversTest {
  @TempDir Path dir;
  private final Fixtures fixtures = new Fixtures(13);

  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  private static Path leftover(Path root, String name) throws IOException {
    Path p = Files.write(root.resolve(name), new byte[1000]);
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(10)));
    return p;
  }

  @Test
  void theNextWriteRemovesTempFilesOfKilledWriters() throws Exception {
    OciLayout layout = OciLayout.open(dir);
    Path killed = leftover(dir, ".berth-tmp-" + deadPid() + "-0b1c");
    Path live = leftover(dir, ".berth-tmp-" + ExitCleanup.pid() + "-a7e2"); // this process: alive
    Path unknown = leftover(dir, ".berth-tmp-" + "no-pid-here"); // younger than the grace

    Fixtures.push(OciLayout.open(dir), MediaTypes.OCI_LAYER_TAR, fixtures.bytes(10));
    assertFalse(Files.exists(killed));
    assertTrue(Files.exists(live));
    assertTrue(Files.exists(unknown));
    assertEquals(0, layout.gc().deletedTempFiles());
  }

  @Test
  void gcRemovesThemToo() throws Exception {
    OciLayout layout = OciLayout.open(dir);
    Path killed = leftover(dir, ".berth-tmp-" + deadPid() + "-0b1c");
    assertEquals(1, layout.gc().deletedTempFiles());
    assertFalse(Files.exists(killed));
  }

  @Test
  void tempFilesAreNamedWithTheWritersProcessId() throws Exception {
    OciLayout layout = OciLayout.open(dir);
    Files.delete(dir.resolve("index.json"));
    layout.tag(fixtures.image(layout, 1).descriptor(), "v1");
    assertTrue(Files.exists(dir.resolve("index.json")));
  }
}

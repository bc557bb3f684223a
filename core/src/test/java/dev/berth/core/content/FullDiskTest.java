package dev.berth.core.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is a local file-system error, which no second download fixes (issue 20: a full disk
 * during a pull downloaded a 5 MB blob 5 times). Runs where tmpfs can be mounted (as root, as .ci/run
 * does); skipped elsewhere.
 */
class FullDiskTest {
  @TempDir Path dir;
  private Path disk;
  private boolean mounted;
  private final Fixtures fixtures = new Fixtures(20);

  @BeforeEach
  void mountASmallDisk() throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    mounted = p.waitFor() == 0;
    assumeTrue(mounted, "mounting a tmpfs needs root");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
    }
  }

  /** A source that counts how often the large blob is fetched. */
  private static final class Counting implements ReadOnlyStorage {
    final MemoryStore store;
    final AtomicInteger fetches = new AtomicInteger();

    Counting(MemoryStore store) {
      this.store = store;
    }

    @Override
    public InputStream fetch(Descriptor target) throws IOException {
      if (target.size() > 1 << 20) {
        fetches.incrementAndGet(); // only the blob larger than the disk
      }
      return store.fetch(target);
    }

    @Override
    public boolean exists(Descriptor target) {
      return store.exists(target);
    }
  }

  @Test
  void aDownloadOntoAFullDiskFailsOnceAndLeavesNoFile() throws IOException {
    MemoryStore memory = new MemoryStore();
    Descriptor blob = Fixtures.push(memory, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(5 << 20));
    Counting src = new Counting(memory);
    Path file = disk.resolve("blob");
    FileSystemException e = assertThrows(FileSystemException.class, () -> TransferRetries.fetchTo(src, blob, file));
    assertEquals(1, src.fetches.get(), "fetched once: " + e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void aCopyIntoALayoutOnAFullDiskFailsOnce() throws IOException {
    MemoryStore memory = new MemoryStore();
    Descriptor big = Fixtures.push(memory, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(5 << 20));
    Descriptor config = Fixtures.push(memory, MediaTypes.OCI_CONFIG, "{}".getBytes());
    EncodedManifest m = EncodedManifest.of(dev.berth.core.Manifest.of(config, java.util.List.of(big)));
    Fixtures.push(memory, m);
    Counting src = new Counting(memory);
    OciLayout layout = OciLayout.open(disk.resolve("layout"));
    assertThrows(FileSystemException.class, () -> Copier.copyGraph(src, layout, m.descriptor(),
        CopyOptions.defaults()));
    assertEquals(1, src.fetches.get(), "the blob larger than the disk is fetched once");
  }
}

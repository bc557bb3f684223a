package dev.berth.artifacts.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component scan of {@code wasm push} reads a file someone handed over: a 2 GiB file that begins
 * like a component and continues as millions of empty sections once took about 25 minutes (single-byte
 * reads). It is now buffered and stops at a bound; FIFOs and devices are refused unopened.
 */
class ComponentScanBoundTest {
  @TempDir Path dir;

  @Test
  void aHugeFileOfEmptySectionsIsScannedToABoundNotToItsEnd() throws IOException {
    Path file = dir.resolve("huge.wasm");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.write(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
      f.setLength(2L << 30); // sparse zeros: section id 0, size 0, a billion times
    }
    assertEquals(WasmKind.COMPONENT, WasmBinary.kind(file));
    Optional<WasmComponent> scanned = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> ComponentInterfaces.read(file));
    assertEquals(Optional.empty(), scanned, "too many sections: the interfaces are unknown");
  }

  @Test
  void aFifoOrDeviceIsNotOpened() {
    FileSystemException e = assertThrows(FileSystemException.class, () -> WasmBinary.kind(Path.of("/dev/zero")));
    assertTrue(e.getMessage().contains("character device"), e.getMessage());
    assertThrows(FileSystemException.class, () -> ComponentInterfaces.read(Path.of("/dev/zero")));
  }
}

package dev.berth.artifacts.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The binaries in src/test/resources/dev/berth/artifacts/wasm (made by wasm-tools; see the README there). */
final class WasmFixtures {
  private WasmFixtures() {}

  static Path copy(String name, Path dir) {
    try (InputStream in = WasmFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      Files.createDirectories(dir);
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.berth.artifacts.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmBinaryTest {
  @TempDir Path tmp;

  @Test
  void tellsModulesFromComponentsByThePreamble() throws IOException {
    assertEquals(WasmKind.MODULE, WasmBinary.kind(WasmFixtures.copy("hello.module.wasm", tmp)));
    assertEquals(WasmKind.COMPONENT, WasmBinary.kind(WasmFixtures.copy("hello.component.wasm", tmp)));
    assertEquals("wasip1", WasmKind.MODULE.os());
    assertEquals("wasip2", WasmKind.COMPONENT.os());
  }

  @Test
  void refusesWhatIsNotWasm() {
    assertThrows(InvalidWasmException.class, () -> WasmBinary.kind("#!/bin/sh\necho".getBytes()));
    assertThrows(InvalidWasmException.class, () -> WasmBinary.kind(new byte[] {0, 'a', 's', 'm'}));
    // A core module of a future version 2 is not something berth can label.
    InvalidWasmException e = assertThrows(InvalidWasmException.class,
        () -> WasmBinary.kind(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void aFileThatIsNotWasmIsNamedInTheError() throws IOException {
    Path script = Files.writeString(tmp.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    InvalidWasmException e = assertThrows(InvalidWasmException.class, () -> WasmBinary.kind(script));
    assertTrue(e.getMessage().startsWith(script + ": not a WebAssembly binary"), e.getMessage());
  }

  @Test
  void readsAComponentsWorldAsWasmToolsPrintsIt() throws IOException {
    WasmComponent hello = ComponentInterfaces.read(WasmFixtures.copy("hello.component.wasm", tmp)).orElseThrow();
    assertEquals(List.of("wasi:io/error@0.2.12", "wasi:io/streams@0.2.12", "wasi:cli/stdin@0.2.12",
        "wasi:cli/stdout@0.2.12", "wasi:cli/stderr@0.2.12", "wasi:clocks/wall-clock@0.2.12",
        "wasi:filesystem/types@0.2.12", "wasi:filesystem/preopens@0.2.12"), hello.imports());
    assertEquals(List.of("wasi:cli/run@0.2.12"), hello.exports());

    WasmComponent demo = ComponentInterfaces.read(WasmFixtures.copy("demo.component.wasm", tmp)).orElseThrow();
    assertEquals(List.of("wasi:cli/environment@0.2.0", "log"), demo.imports());
    assertEquals(List.of("acme:demo/env@1.0.0", "relog"), demo.exports());
  }

  @Test
  void saysUnknownRatherThanGuessing() throws IOException {
    assertEquals(Optional.empty(), ComponentInterfaces.read(WasmFixtures.copy("hello.module.wasm", tmp)));
    byte[] demo = Files.readAllBytes(WasmFixtures.copy("demo.component.wasm", tmp));
    // Every truncation either still parses a prefix of whole sections or is reported as unknown; none throws.
    for (int n = 8; n < demo.length; n++) {
      Optional<WasmComponent> c = ComponentInterfaces.read(new ByteArrayInputStream(Arrays.copyOf(demo, n)));
      c.ifPresent(w -> assertTrue(List.of("wasi:cli/environment@0.2.0", "log").containsAll(w.imports())));
    }
  }
}

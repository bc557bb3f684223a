package dev.berth.artifacts.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.artifacts.testing.CountingSource;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WasmArtifactsTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return dev.berth.artifacts.testing.Stores.local();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void componentRoundTripsWithTheCncfLayout(String name, Function<Path, Target> factory) throws IOException {
    Target store = factory.apply(tmp);
    Path wasm = WasmFixtures.copy("hello.component.wasm", tmp.resolve("in"));
    WasmPushResult r = WasmArtifacts.push(store, wasm, WasmPushOptions.builder().author("berth tests")
        .created(Instant.parse("2024-02-03T04:05:06Z")).build(), "v1");

    Manifest m = Contents.fetchManifest(store, store.resolve("v1")).manifest();
    assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
    assertEquals(MediaTypes.WASM_CONFIG, m.config().mediaType());
    assertEquals(1, m.layers().size());
    assertEquals(MediaTypes.WASM_LAYER, m.layers().get(0).mediaType());
    JsonNode config = new ObjectMapper().readTree(Contents.fetchAll(store, m.config(), 1 << 20));
    assertEquals(List.of("created", "author", "architecture", "os", "layerDigests", "component"),
        iterate(config.fieldNames()));
    assertEquals("2024-02-03T04:05:06Z", config.get("created").asText());
    assertEquals("wasm", config.get("architecture").asText());
    assertEquals("wasip2", config.get("os").asText());
    assertEquals(m.layers().get(0).digest().toString(), config.get("layerDigests").get(0).asText());
    assertEquals("wasi:cli/run@0.2.12", config.get("component").get("exports").get(0).asText());
    assertEquals(8, config.get("component").get("imports").size());

    PulledWasm pulled = WasmArtifacts.pull(store, "v1", tmp.resolve("out/app.wasm"), WasmPullOptions.defaults());
    assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(pulled.file()));
    assertEquals(WasmKind.COMPONENT, pulled.kind());
    assertEquals(WasmLayout.CNCF, pulled.layout());
    assertEquals(r.config(), pulled.config());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void moduleRoundTripsAsWasip1WithoutComponentInfo(String name, Function<Path, Target> factory) throws IOException {
    Target store = factory.apply(tmp);
    Path wasm = WasmFixtures.copy("hello.module.wasm", tmp.resolve("in"));
    WasmPushResult r = WasmArtifacts.push(store, wasm, WasmPushOptions.defaults(), "m");
    assertEquals("wasip1", r.config().os());
    assertNull(r.config().component());
    PulledWasm pulled = WasmArtifacts.pull(store, "m", tmp.resolve("out.wasm"), WasmPullOptions.defaults());
    assertEquals(WasmKind.MODULE, pulled.kind());
    assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(pulled.file()));
  }

  @Test
  void anExistingOutputFileIsRefusedBeforeTheModuleIsDownloaded() throws IOException {
    MemoryStore store = new MemoryStore();
    WasmArtifacts.push(store, WasmFixtures.copy("hello.module.wasm", tmp), WasmPushOptions.defaults(), "1");
    Path out = Files.writeString(tmp.resolve("mine.wasm"), "mine");
    CountingSource source = new CountingSource(store);

    assertThrows(FileAlreadyExistsException.class, () -> WasmArtifacts.pull(source, "1", out, WasmPullOptions.defaults()));
    assertEquals(0, source.blobFetches());
    assertEquals("mine", Files.readString(out));
  }

  @Test
  void theRootDirectoryAsOutputFileIsRefusedByNameBeforeAnyFetch() throws IOException {
    MemoryStore store = new MemoryStore();
    WasmArtifacts.push(store, WasmFixtures.copy("hello.module.wasm", tmp), WasmPushOptions.defaults(), "1");
    CountingSource source = new CountingSource(store);

    // It failed with a NullPointerException (the root has no parent and no file name) before NullAway found it.
    IOException e = assertThrows(IOException.class,
        () -> WasmArtifacts.pull(source, "1", Path.of("/"), WasmPullOptions.defaults()));
    assertTrue(e.getMessage().contains("root directory"), e.getMessage());
    assertEquals(0, source.blobFetches());
  }

  @Test
  void sameFileAndTimeGiveTheSameDigest() throws IOException {
    MemoryStore store = new MemoryStore();
    Path wasm = WasmFixtures.copy("demo.component.wasm", tmp);
    WasmPushOptions o = WasmPushOptions.builder().created(Instant.EPOCH).build();
    assertEquals(WasmArtifacts.push(store, wasm, o, null).manifest(), WasmArtifacts.push(store, wasm, o, null).manifest());
  }

  @Test
  void callerSuppliedComponentInfoWins() throws IOException {
    MemoryStore store = new MemoryStore();
    Path wasm = WasmFixtures.copy("demo.component.wasm", tmp);
    WasmComponent mine = new WasmComponent(List.of("x:y/z@1.0.0"), List.of(), "wasi:http/proxy@0.2.0");
    assertEquals(mine, WasmArtifacts.push(store, wasm, WasmPushOptions.builder().component(mine).build(), "t")
        .config().component());
  }

  @Test
  void refusesToPushAFileThatIsNotWasm() throws IOException {
    Path notWasm = Files.writeString(tmp.resolve("app.wasm"), "#!/bin/sh\n");
    MemoryStore store = new MemoryStore();
    assertThrows(InvalidWasmException.class, () -> WasmArtifacts.push(store, notWasm, WasmPushOptions.defaults(), "t"));
    assertTrue(store.tags().isEmpty());
  }

  @Test
  void refusesToPullALayerThatIsNotWasmAndWritesNothing() throws IOException {
    MemoryStore store = new MemoryStore();
    byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8);
    Descriptor layer = Contents.pushBytes(store, MediaTypes.WASM_LAYER, script);
    pushManifest(store, MediaTypes.WASM_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), List.of(layer), "t");
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThrows(InvalidWasmException.class, () -> WasmArtifacts.pull(store, "t", out.resolve("app.wasm"), WasmPullOptions.defaults()));
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void cncfArtifactsMustHaveExactlyOneWasmLayer() throws IOException {
    MemoryStore store = new MemoryStore();
    byte[] module = Files.readAllBytes(WasmFixtures.copy("hello.module.wasm", tmp));
    Descriptor a = Contents.pushBytes(store, MediaTypes.WASM_LAYER, module);
    Descriptor b = Contents.pushBytes(store, "application/vnd.example.policy+yaml", "x: 1".getBytes(StandardCharsets.UTF_8));
    pushManifest(store, MediaTypes.WASM_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), List.of(a, b), "two");
    UnsupportedException e = assertThrows(UnsupportedException.class,
        () -> WasmArtifacts.pull(store, "two", tmp.resolve("x.wasm"), WasmPullOptions.defaults()));
    assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
  }

  @Test
  void readsWasmToOciAndRunwasiLayouts() throws IOException {
    MemoryStore store = new MemoryStore();
    byte[] module = Files.readAllBytes(WasmFixtures.copy("hello.module.wasm", tmp));
    byte[] component = Files.readAllBytes(WasmFixtures.copy("hello.component.wasm", tmp));
    Descriptor old = Contents.pushBytes(store, WasmLayout.WASM_TO_OCI.layerMediaType(), module);
    pushManifest(store, WasmArtifacts.WASM_TO_OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), List.of(old), "w2o");
    Descriptor rw = Contents.pushBytes(store, WasmLayout.RUNWASI.layerMediaType(), component);
    Descriptor other = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR, new byte[] {1, 2, 3});
    pushManifest(store, MediaTypes.OCI_CONFIG, "{\"architecture\":\"wasm\",\"os\":\"wasip2\"}".getBytes(StandardCharsets.UTF_8),
        List.of(other, rw), "runwasi");

    PulledWasm a = WasmArtifacts.pull(store, "w2o", tmp.resolve("a.wasm"), WasmPullOptions.defaults());
    assertEquals(WasmLayout.WASM_TO_OCI, a.layout());
    assertEquals(WasmKind.MODULE, a.kind());
    assertNull(a.config());
    PulledWasm b = WasmArtifacts.pull(store, "runwasi", tmp.resolve("b.wasm"), WasmPullOptions.defaults());
    assertEquals(WasmLayout.RUNWASI, b.layout());
    assertArrayEquals(component, Files.readAllBytes(b.file()));
  }

  @Test
  void refusesArtifactsWithoutWasmAndExistingFilesWithoutOverwrite() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor l = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR, new byte[] {1});
    pushManifest(store, MediaTypes.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), List.of(l), "img");
    assertThrows(UnsupportedException.class, () -> WasmArtifacts.pull(store, "img", tmp.resolve("x.wasm"), WasmPullOptions.defaults()));

    Path wasm = WasmFixtures.copy("hello.module.wasm", tmp.resolve("in"));
    WasmArtifacts.push(store, wasm, WasmPushOptions.defaults(), "m");
    Path existing = Files.writeString(tmp.resolve("keep.wasm"), "mine");
    assertThrows(FileAlreadyExistsException.class, () -> WasmArtifacts.pull(store, "m", existing, WasmPullOptions.defaults()));
    assertEquals("mine", Files.readString(existing));
    WasmArtifacts.pull(store, "m", existing, WasmPullOptions.builder().overwrite(true).build());
    assertFalse(Files.readString(existing, StandardCharsets.ISO_8859_1).equals("mine"));
  }

  private static void pushManifest(Target store, String configType, byte[] config, List<Descriptor> layers, String tag)
      throws IOException {
    Descriptor c = Contents.pushBytes(store, configType, config);
    Contents.pushManifest(store, EncodedManifest.of(new Manifest(2, MediaTypes.OCI_MANIFEST, null, c, layers, null,
        Map.of())), tag);
  }

  private static List<String> iterate(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}

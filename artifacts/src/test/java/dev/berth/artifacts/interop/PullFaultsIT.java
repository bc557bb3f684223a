package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.content.Contents;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.Fault;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.FaultRule;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.RequestMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull that fails part-way (a registry answering wrong bytes, or losing a blob) leaves the output directory exactly as it was: no partial file, no staging directory. A fault that
 * happens once is retried by the client and the pull completes.
 */
class PullFaultsIT {
  static RegistryServer registry;
  static FaultProxy proxy;
  static RegistryClient client;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    proxy = FaultProxy.inFrontOf(registry);
    client = RegistryClient.builder().plainHttp(proxy.host()).build();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @AfterEach
  void clear() {
    proxy.clearRules();
  }

  @Test
  void filesPullWithACorruptedLayerWritesNothing() throws IOException {
    Repository repo = client.repository(proxy.host() + "/faults/files");
    Path a = write(tmp.resolve("in/a.txt"), "a".repeat(5000));
    Path b = write(tmp.resolve("in/b.txt"), "b".repeat(5000));
    Path dir = Files.createDirectories(tmp.resolve("in/dir"));
    write(dir.resolve("c.txt"), "c");
    Descriptor m = FileArtifacts.push(repo, FilePush.builder().file(a).file(b).file(dir).build(), "v1");
    Descriptor last = Contents.fetchManifest(repo, m).manifest().layers().get(2);
    Path out = Files.createDirectories(tmp.resolve("out"));
    write(out.resolve("mine.txt"), "untouched");

    proxy.inject(RequestMatcher.pathContains(last.digest().hex()), Fault.flipByte());
    assertThrows(IOException.class, () -> FileArtifacts.pull(repo, "v1", out, FilePullOptions.defaults()));
    assertOnly(out, "mine.txt");

    proxy.clearRules();
    // The registry lost the last blob: the first two layers were already staged, and must vanish too.
    proxy.inject(RequestMatcher.pathContains(last.digest().hex()), Fault.status(404));
    assertThrows(IOException.class, () -> FileArtifacts.pull(repo, "v1", out, FilePullOptions.defaults()));
    assertOnly(out, "mine.txt");

    proxy.clearRules();
    proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.resetMidBody()).times(1));
    FileArtifacts.pull(repo, "v1", out, FilePullOptions.defaults());
    assertOnly(out, "a.txt", "b.txt", "dir", "mine.txt");
    assertEquals("c", Files.readString(out.resolve("dir/c.txt")));
  }

  @Test
  void chartAndWasmPullsWithCorruptedLayersWriteNothing() throws IOException {
    Path chart = Files.createDirectories(tmp.resolve("chart"));
    write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: faulty\nversion: 1.0.0\n");
    write(chart.resolve("values.yaml"), "x: " + "y".repeat(4000) + "\n");
    Repository charts = client.repository(proxy.host() + "/faults/faulty");
    Descriptor layer = HelmCharts.push(charts, HelmPackager.packageChart(chart, tmp.resolve("dist"))).chartLayer();

    Path wasm = tmp.resolve("hello.wasm");
    try (InputStream in = PullFaultsIT.class.getResourceAsStream("/dev/berth/artifacts/wasm/hello.component.wasm")) {
      Files.copy(in, wasm);
    }
    Repository wasmRepo = client.repository(proxy.host() + "/faults/wasm");
    Descriptor wasmLayer = WasmArtifacts.push(wasmRepo, wasm, WasmPushOptions.defaults(), "1").layer();

    Path out = Files.createDirectories(tmp.resolve("out"));
    proxy.inject(RequestMatcher.pathContains(layer.digest().hex()), Fault.flipByte());
    proxy.inject(RequestMatcher.pathContains(wasmLayer.digest().hex()), Fault.flipByte());
    assertThrows(IOException.class, () -> HelmCharts.pull(charts, "1.0.0", out, HelmPullOptions.defaults()));
    assertThrows(IOException.class, () -> WasmArtifacts.pull(wasmRepo, "1", out.resolve("hello.wasm"), WasmPullOptions.defaults()));
    assertOnly(out);

    proxy.clearRules();
    HelmCharts.pull(charts, "1.0.0", out, HelmPullOptions.defaults());
    WasmArtifacts.pull(wasmRepo, "1", out.resolve("hello.wasm"), WasmPullOptions.defaults());
    assertOnly(out, "faulty-1.0.0.tgz", "hello.wasm");
    assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(out.resolve("hello.wasm")));
    assertFalse(Files.exists(tmp.resolve("out/faulty-1.0.0.tgz.prov")));
  }

  private static Path write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  private static void assertOnly(Path dir, String... names) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}

package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmKind;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.artifacts.wasm.WasmPushResult;
import dev.berth.core.Descriptor;
import dev.berth.core.Reference;
import dev.berth.core.TlsException;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.RetryPolicy;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull from a {@link Reference} in one call, against a real docker-registry: the reference's
 * tag is where a push lands, its digest pins a pull, a push to a digest or a pull of nothing is refused
 * before any request, and the default client is https (a plain-HTTP registry is a {@link TlsException},
 * not a silent downgrade).
 */
class OneCallIT {
  static RegistryServer registry;
  static RegistryClient client;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    client = RegistryClient.builder().plainHttp(registry.host()).build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void filesPushedToAReferenceLandUnderItsTagAndPullBack() throws IOException {
    Path notes = Files.writeString(tmp.resolve("NOTES.md"), "# notes\n");
    Reference ref = Reference.parse(registry.host() + "/onecall/files:v1");

    Descriptor pushed = FileArtifacts.push(client, ref, FilePush.builder().file(notes).build());
    PulledFiles pulled = FileArtifacts.pull(client, ref, tmp.resolve("out"), FilePullOptions.defaults());

    assertEquals(pushed.digest(), client.repository(ref).resolve("v1").digest());
    assertEquals(pushed.digest(), pulled.manifest().digest());
    assertEquals("# notes\n", Files.readString(tmp.resolve("out/NOTES.md")));
    assertThrows(FileAlreadyExistsException.class,
        () -> FileArtifacts.pull(client, ref, tmp.resolve("out"), FilePullOptions.defaults()));
    FileArtifacts.pull(client, ref, tmp.resolve("out"), FilePullOptions.builder().overwrite(true).build());
  }

  @Test
  void aChartDirectoryPushedToANamespaceLandsUnderItsNameAndVersionAndPullsBackByRange() throws IOException {
    Path chart = Files.createDirectories(tmp.resolve("src/mychart/templates"));
    Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: mychart\nversion: 0.3.0\n");
    Files.writeString(chart.resolve("cm.yaml"), "kind: ConfigMap\n");

    HelmPushResult pushed = HelmCharts.push(client, "oci://" + registry.host() + "/onecall-charts",
        chart.getParent(), HelmPushOptions.defaults());
    PulledChart pulled = HelmCharts.pull(client, "oci://" + registry.host() + "/onecall-charts/mychart", "^0.3",
        tmp.resolve("charts"), HelmPullOptions.defaults());

    assertEquals("0.3.0", pushed.tag());
    assertEquals(pushed.manifest().digest(),
        client.repository(registry.host() + "/onecall-charts/mychart").resolve("0.3.0").digest());
    assertEquals(tmp.resolve("charts/mychart-0.3.0.tgz"), pulled.chart());
    assertEquals("mychart", pulled.metadata().name());
  }

  @Test
  void aDigestInThePulledReferenceWinsOverItsMovedTag() throws IOException {
    Path file = tmp.resolve("state.txt");
    Reference ref = Reference.parse(registry.host() + "/onecall/pinned:latest");
    Files.writeString(file, "first");
    Descriptor first = FileArtifacts.push(client, ref, FilePush.builder().file(file).created(Instant.EPOCH).build());
    Files.writeString(file, "second");
    FileArtifacts.push(client, ref, FilePush.builder().file(file).created(Instant.EPOCH).build()); // moves the tag

    FileArtifacts.pull(client, ref.withDigest(first.digest()), tmp.resolve("out"), FilePullOptions.defaults());

    assertEquals("first", Files.readString(tmp.resolve("out/state.txt")));
  }

  @Test
  void wasmPushedToAReferencePullsBackOnceThenOnlyWithOverwrite() throws IOException {
    Path wasm = tmp.resolve("hello.wasm");
    try (InputStream in = OneCallIT.class.getResourceAsStream("/dev/berth/artifacts/wasm/hello.module.wasm")) {
      Files.copy(in, wasm);
    }
    Reference ref = Reference.parse(registry.host() + "/onecall/wasm:0.1.0");
    Path out = tmp.resolve("pulled.wasm");

    WasmPushResult pushed = WasmArtifacts.push(client, ref, wasm, WasmPushOptions.defaults());
    PulledWasm pulled = WasmArtifacts.pull(client, ref, out, WasmPullOptions.defaults());

    assertEquals(pushed.manifest().digest(), client.repository(ref).resolve("0.1.0").digest());
    assertEquals(WasmKind.MODULE, pulled.kind());
    assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(out));
    assertThrows(FileAlreadyExistsException.class, () -> WasmArtifacts.pull(client, ref, out, WasmPullOptions.defaults()));
    WasmArtifacts.pull(client, ref, out, WasmPullOptions.builder().overwrite(true).build());
  }

  @Test
  void aPushToADigestOrAPullOfNothingIsRefusedBeforeAnyRequest() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    // Any request would fail with a network error; the refusals below come first.
    RegistryClient nowhere = RegistryClient.builder().plainHttp("127.0.0.1:" + closedPort)
        .retryPolicy(RetryPolicy.none()).build();
    Reference repo = Reference.parse("127.0.0.1:" + closedPort + "/onecall/refused");
    Descriptor some = Descriptor.of("application/octet-stream", new byte[] {1});
    Path file = Files.writeString(tmp.resolve("f.txt"), "f");

    IllegalArgumentException push = assertThrows(IllegalArgumentException.class,
        () -> FileArtifacts.push(nowhere, repo.withDigest(some.digest()), FilePush.builder().file(file).build()));
    assertTrue(push.getMessage().startsWith("push takes a tag, not a digest"), push.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> WasmArtifacts.push(nowhere, repo.withDigest(some.digest()), file, WasmPushOptions.defaults()));
    IllegalArgumentException pull = assertThrows(IllegalArgumentException.class,
        () -> FileArtifacts.pull(nowhere, repo, tmp.resolve("out"), FilePullOptions.defaults()));
    assertEquals(repo + " names no tag or digest (add :TAG or @sha256:...)", pull.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> WasmArtifacts.pull(nowhere, repo, tmp.resolve("out.wasm"), WasmPullOptions.defaults()));
    assertFalse(Files.exists(tmp.resolve("out")));
    assertFalse(Files.exists(tmp.resolve("out.wasm")));
  }

  @Test
  void theDefaultClientIsHttpsSoAPlainHttpRegistryIsATlsFailureWithNothingWritten() throws IOException {
    Reference ref = Reference.parse(registry.host() + "/onecall/files:v1");
    Path out = tmp.resolve("never");

    TlsException files = assertThrows(TlsException.class, () -> FileArtifacts.pull(ref, out));
    TlsException wasm = assertThrows(TlsException.class, () -> WasmArtifacts.pull(ref, out.resolve("m.wasm")));

    assertTrue(files.plainHttpSuspected(), files.getMessage());
    assertTrue(wasm.plainHttpSuspected(), wasm.getMessage());
    assertFalse(Files.exists(out));
  }
}

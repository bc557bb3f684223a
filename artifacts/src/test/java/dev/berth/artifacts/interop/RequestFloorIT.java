package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed APIs pay only the requests the registry API needs, counted by a proxy in front of a real
 * docker-registry: a one-file push is HEAD, POST and PUT for the file and one PUT of the manifest under
 * its tag (the empty config once per repository); a pull by tag is a GET of the manifest and a GET per
 * blob, with no HEAD first.
 */
class RequestFloorIT {
  static RegistryServer registry;
  static FaultProxy proxy;

  @TempDir Path tmp;
  RegistryClient client;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    proxy = FaultProxy.inFrontOf(registry);
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

  @BeforeEach
  void freshClient() {
    client = RegistryClient.builder().plainHttp(proxy.host()).build(); // knows nothing of earlier tests
    proxy.latency(Duration.ZERO);
    proxy.resetCounters();
  }

  @Test
  void oneFilePushIsHeadPostPutAndOneManifestPutByTag() throws IOException {
    Repository repo = client.repository(proxy.host() + "/floor/files");
    Path a = Files.writeString(tmp.resolve("a.txt"), "first");
    FileArtifacts.push(repo, FilePush.builder().file(a).build(), "v1");
    assertEquals(List.of("HEAD blob", "POST upload", "PUT upload", "HEAD blob", "POST upload", "PUT upload",
        "PUT manifest v1"), shapes(), "the file, then the empty config, then the manifest by tag");

    proxy.resetCounters();
    Path b = Files.writeString(tmp.resolve("b.txt"), "second");
    FileArtifacts.push(repo, FilePush.builder().file(b).build(), "v2");
    assertEquals(List.of("HEAD blob", "POST upload", "PUT upload", "PUT manifest v2"), shapes(),
        "the config is known present: the floor");
  }

  @Test
  void filePullByTagIsOneManifestGetAndOneBlobGet() throws IOException {
    Repository repo = client.repository(proxy.host() + "/floor/pull");
    Path a = Files.writeString(tmp.resolve("a.txt"), "pull me");
    FileArtifacts.push(repo, FilePush.builder().file(a).build(), "v1");

    Repository fresh = RegistryClient.builder().plainHttp(proxy.host()).build().repository(proxy.host() + "/floor/pull");
    proxy.resetCounters();
    FileArtifacts.pull(fresh, "v1", tmp.resolve("out"), FilePullOptions.defaults());
    assertEquals(List.of("GET manifest v1", "GET blob"), shapes());
    assertEquals("pull me", Files.readString(tmp.resolve("out/a.txt")));
  }

  @Test
  void severalFilesArePushedSideBySide() throws IOException {
    Repository repo = client.repository(proxy.host() + "/floor/many");
    FilePush.Builder request = FilePush.builder();
    for (int i = 0; i < 4; i++) {
      request.file(Files.writeString(tmp.resolve("f" + i + ".txt"), "file " + i));
    }
    proxy.latency(Duration.ofMillis(150)); // every exchange waits, so side-by-side pushes overlap
    FileArtifacts.push(repo, request.build(), "v1");
    List<String> shapes = shapes();
    assertEquals(4 * 3 + 3 + 1, shapes.size(), "HEAD, POST, PUT per file and the config, one manifest PUT: " + shapes);
    assertTrue(proxy.connectionsAccepted() >= 2,
        "one connection would mean one request at a time; saw " + proxy.connectionsAccepted());
    proxy.latency(Duration.ZERO);
    FileArtifacts.pull(repo, "v1", tmp.resolve("out"), FilePullOptions.defaults());
    for (int i = 0; i < 4; i++) {
      assertEquals("file " + i, Files.readString(tmp.resolve("out/f" + i + ".txt")));
    }
  }

  @Test
  void helmPullOfAnExactVersionIsAManifestGetAndTwoBlobGets() throws IOException {
    Path tgz = HelmPackager.packageChart(ArtifactsRegistryIT.chart(tmp, "floor", "1.2.3"), tmp.resolve("dist"));
    Repository repo = client.repository(HelmCharts.chartRepository("oci://" + proxy.host() + "/charts",
        ChartArchive.readMetadata(tgz).name()));
    HelmCharts.push(repo, tgz);

    Repository fresh = RegistryClient.builder().plainHttp(proxy.host()).build().repository(repo.reference().toString());
    proxy.resetCounters();
    Path pulled = HelmCharts.pull(fresh, "1.2.3", tmp.resolve("out"), HelmPullOptions.defaults()).chart();
    assertEquals(List.of("GET manifest 1.2.3", "GET blob", "GET blob"), shapes(), "manifest, config, chart");
    assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(pulled));
  }

  @Test
  void wasmPullIsAManifestGetAndTwoBlobGets() throws IOException {
    Repository repo = client.repository(proxy.host() + "/floor/wasm");
    Path wasm = tmp.resolve("hello.wasm");
    try (InputStream in = RequestFloorIT.class.getResourceAsStream("/dev/berth/artifacts/wasm/hello.component.wasm")) {
      Files.copy(in, wasm);
    }
    WasmArtifacts.push(repo, wasm, WasmPushOptions.defaults(), "0.1.0");
    assertEquals("PUT manifest 0.1.0", shapes().get(shapes().size() - 1));
    assertEquals(1, shapes().stream().filter(s -> s.contains("manifest")).count(), "one manifest request: " + shapes());

    Repository fresh = RegistryClient.builder().plainHttp(proxy.host()).build().repository(proxy.host() + "/floor/wasm");
    proxy.resetCounters();
    WasmArtifacts.pull(fresh, "0.1.0", tmp.resolve("out/hello.wasm"), WasmPullOptions.defaults());
    assertEquals(List.of("GET manifest 0.1.0", "GET blob", "GET blob"), shapes(), "manifest, config, layer");
  }

  /** The proxy's record, each request reduced to its kind: "HEAD blob", "POST upload", "PUT manifest v1". */
  private static List<String> shapes() {
    return proxy.requests().stream().map(RequestFloorIT::shape).toList();
  }

  private static String shape(String request) {
    String method = request.substring(0, request.indexOf(' '));
    String path = request.substring(request.indexOf(' ') + 1);
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    if (bare.contains("/blobs/uploads/")) {
      return method + " upload";
    }
    if (bare.contains("/blobs/")) {
      return method + " blob";
    }
    if (bare.contains("/manifests/")) {
      return method + " manifest " + bare.substring(bare.lastIndexOf('/') + 1);
    }
    return request;
  }
}

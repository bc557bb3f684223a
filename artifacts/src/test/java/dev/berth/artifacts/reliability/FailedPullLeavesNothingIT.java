package dev.berth.artifacts.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.image.Images;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import dev.berth.testkit.Fault;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.RequestMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls that cannot succeed, because one blob or manifest is faulted every time it is asked for (a
 * flipped byte, a connection reset mid-body, a 503, a 404), leave the whole artifact or nothing: an
 * output directory exactly as it was (no partial file, no staging or scratch directory: pulls keep their
 * temp files there), and an OCI layout without the artifact's manifest or tag and without a partial
 * blob or temp file (every blob file there hashes to its name).
 */
class FailedPullLeavesNothingIT {
  private static final List<Fault> NEVER_CLEARING =
      List.of(Fault.flipByte(), Fault.resetMidBody(), Fault.serviceUnavailable(), Fault.status(404));

  private static RegistryServer registry;
  private static FaultProxy proxy;
  private static RegistryClient client;
  private static final Map<String, Digest> lastLayer = new TreeMap<>();
  private static Descriptor childManifest;

  @TempDir static Path sources;
  @TempDir Path work;

  @BeforeAll
  static void pushEverything() throws IOException {
    registry = RegistryServer.start();
    proxy = FaultProxy.builder().target(registry).seed(7).start();
    client = FaultInjectionIT.client(proxy.host());
    Random random = new Random(3);

    Path a = Files.write(sources.resolve("a.bin"), Workload.bytes(random, 4000, 8000));
    Path dir = Files.createDirectories(sources.resolve("dir"));
    Files.write(dir.resolve("b.bin"), Workload.bytes(random, 4000, 8000));
    Descriptor files = FileArtifacts.push(repo("files"), FilePush.builder().file(a).file(dir).build(), "v1");
    lastLayer.put("files", Contents.fetchManifest(repo("files"), files).manifest().layers().get(1).digest());

    Path chart = Files.createDirectories(sources.resolve("chart"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: doomed\nversion: 1.0.0\n");
    Files.write(chart.resolve("blob.bin"), Workload.bytes(random, 4000, 8000));
    lastLayer.put("chart", HelmCharts.push(repo("chart"), HelmPackager.packageChart(chart, sources)).chartLayer().digest());

    byte[] module = Workload.bytes(random, 4000, 8000);
    System.arraycopy(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, module, 0, 8);
    Path wasm = Files.write(sources.resolve("m.wasm"), module);
    lastLayer.put("wasm", WasmArtifacts.push(repo("wasm"), wasm, WasmPushOptions.defaults(), "v1").layer().digest());

    MemoryStore image = new MemoryStore();
    List<Descriptor> children = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      Descriptor imageConfig = Contents.pushBytes(image, MediaTypes.OCI_CONFIG, ("{\"architecture\":\"" + arch + "\"}").getBytes());
      List<Descriptor> layers = new ArrayList<>();
      for (int l = 0; l < 3; l++) {
        layers.add(Contents.pushBytes(image, MediaTypes.OCI_LAYER_TAR_GZIP, Workload.bytes(random, 4000, 8000)));
      }
      EncodedManifest m = EncodedManifest.of(Manifest.of(imageConfig, layers));
      Contents.pushManifest(image, m, null);
      children.add(m.descriptor().withPlatform(Platform.of("linux", arch, null)));
      lastLayer.put("image-" + arch, layers.get(2).digest());
    }
    childManifest = children.get(1);
    Contents.pushManifest(image, EncodedManifest.of(Index.of(children)), "v1");
    Images.copy(image, "v1", repo("image"), "v1", null, CopyOptions.defaults());
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

  private static dev.berth.core.remote.Repository repo(String name) {
    return client.repository(proxy.host(), "doomed/" + name);
  }

  @AfterEach
  void clearFaults() {
    proxy.clearRules();
  }

  @Test
  void aFailedFilesChartOrWasmPullLeavesTheOutputDirectoryAsItWas() throws IOException {
    Path out = Files.createDirectories(work.resolve("out"));
    Files.writeString(out.resolve("mine.txt"), "untouched");
    Files.createDirectories(out.resolve("dir"));
    Files.writeString(out.resolve("dir/keep.txt"), "also untouched");
    Map<String, String> before = snapshot(out);
    // Every fault for files (several layers, one unpacked); two each for the single-layer kinds, since
    // each retryable fault costs the full 1.5 s of transfer retries before the pull gives up.
    Map<String, List<Fault>> plan = Map.of("files", NEVER_CLEARING,
        "chart", List.of(NEVER_CLEARING.get(0), NEVER_CLEARING.get(3)),
        "wasm", List.of(NEVER_CLEARING.get(1), NEVER_CLEARING.get(2)));
    RegistryClient puller = FaultInjectionIT.client(proxy.host());
    for (String kind : List.of("files", "chart", "wasm")) {
      for (Fault fault : plan.get(kind)) {
        proxy.clearRules();
        proxy.inject(RequestMatcher.pathContains(lastLayer.get(kind).hex()), fault);
        dev.berth.core.remote.Repository from = puller.repository(proxy.host(), "doomed/" + kind);
        IOException e = assertThrows(IOException.class, () -> {
          switch (kind) {
            case "files" -> FileArtifacts.pull(from, "v1", out, FilePullOptions.defaults());
            case "chart" -> HelmCharts.pull(from, "1.0.0", out, HelmPullOptions.defaults());
            default -> WasmArtifacts.pull(from, "v1", out.resolve("m.wasm"), WasmPullOptions.defaults());
          }
        }, kind + " with " + fault);
        assertEquals(before, snapshot(out), kind + " with " + fault + " (" + e + ")");
      }
    }
  }

  @Test
  void aFailedImagePullLeavesNoManifestTagOrPartialBlobInTheLayout() throws IOException {
    // The layout already holds another image, which must come through untouched.
    Path dir = work.resolve("layout");
    MemoryStore other = new MemoryStore();
    Descriptor otherLayer = Contents.pushBytes(other, MediaTypes.OCI_LAYER_TAR, "other".getBytes());
    Contents.pushManifest(other, EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(otherLayer))), "keep");
    Contents.pushBytes(other, MediaTypes.OCI_EMPTY, Descriptor.emptyJsonContent());
    Images.save(other, "keep", dir, "keep", null);
    byte[] indexBefore = Files.readAllBytes(dir.resolve("index.json"));

    // A fresh client: the one that pushed remembers the manifests and would not ask for them again.
    RegistryClient puller = FaultInjectionIT.client(proxy.host());
    Map<RequestMatcher, List<Fault>> plan = Map.of(
        RequestMatcher.pathContains(lastLayer.get("image-arm64").hex()), NEVER_CLEARING,
        RequestMatcher.pathContains("/manifests/" + childManifest.digest()),
        List.of(NEVER_CLEARING.get(0), NEVER_CLEARING.get(3)));
    for (Map.Entry<RequestMatcher, List<Fault>> target : plan.entrySet()) {
      for (Fault fault : target.getValue()) {
        proxy.clearRules();
        proxy.inject(target.getKey(), fault);
        assertThrows(IOException.class,
            () -> Images.save(puller.repository(proxy.host(), "doomed/image"), "v1", dir, "v1", null), fault.toString());
        assertLayoutHoldsOnlyWholeBlobsAndNoNewArtifact(dir, indexBefore);
      }
    }
    OciLayout layout = OciLayout.open(dir);
    assertThrows(NotFoundException.class, () -> layout.resolve("v1"));
    assertEquals(Images.save(other, "keep", work.resolve("again"), "keep", null), layout.resolve("keep"));
  }

  private static void assertLayoutHoldsOnlyWholeBlobsAndNoNewArtifact(Path dir, byte[] indexBefore) throws IOException {
    assertEquals(new String(indexBefore), Files.readString(dir.resolve("index.json")), "index.json changed");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString();
        if (rel.equals("index.json") || rel.equals("oci-layout")) {
          continue;
        }
        assertTrue(rel.startsWith("blobs/sha256/") && !p.getFileName().toString().startsWith("."), "stray file " + rel);
        assertEquals(p.getFileName().toString(), sha256(p), "partial or wrong blob " + rel);
      }
    }
  }

  /** Each regular file under {@code dir}, relative, with its content hash. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? sha256(p) : "dir");
      }
    }
    return out;
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

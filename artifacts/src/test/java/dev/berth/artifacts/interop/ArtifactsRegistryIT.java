package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.archive.UnsafeArchiveException;
import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.OrasAnnotations;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmKind;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every artifact kind round-trips through a real docker-registry (CNCF distribution 2.8). */
class ArtifactsRegistryIT {
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
  void filesAndDirectoriesRoundTrip() throws IOException {
    Repository repo = client.repository(registry.host() + "/files/docs");
    Path readme = Files.writeString(Files.createDirectories(tmp.resolve("in")).resolve("README.md"), "# hi");
    Path dir = Files.createDirectories(tmp.resolve("in/site"));
    Files.writeString(dir.resolve("index.html"), "<html/>");
    Files.createDirectories(dir.resolve("css"));
    Files.writeString(dir.resolve("css/a.css"), "body{}");

    Descriptor pushed = FileArtifacts.push(repo, FilePush.builder().file(readme).file(dir).build(), "v1");
    assertEquals(pushed.digest(), repo.resolve("v1").digest());

    PulledFiles pulled = FileArtifacts.pull(repo, "v1", tmp.resolve("out"), FilePullOptions.defaults());
    assertEquals(2, pulled.files().size());
    assertEquals("# hi", Files.readString(tmp.resolve("out/README.md")));
    assertEquals("body{}", Files.readString(tmp.resolve("out/site/css/a.css")));
  }

  @Test
  void aHostileDirectoryLayerFromTheRegistryIsRefusedAndWritesNothing() throws IOException {
    Repository repo = client.repository(registry.host() + "/files/hostile");
    ByteArrayOutputStream tgz = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
      TarArchiveEntry link =
          new TarArchiveEntry("site/escape",
              TarConstants.LF_SYMLINK, true);
      link.setLinkName("/etc");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    Descriptor layer = Contents.pushBytes(repo, MediaTypes.OCI_LAYER_TAR_GZIP,
        tgz.toByteArray()).withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, "site",
            OrasAnnotations.CONTENT_UNPACK, "true"));
    Contents.pushBytes(repo, MediaTypes.OCI_EMPTY, Descriptor.emptyJsonContent());
    Contents.pushManifest(repo, EncodedManifest.of(
        Manifest.artifact(MediaTypes.UNKNOWN_ARTIFACT, List.of(layer))), "evil");
    Path out = Files.createDirectories(tmp.resolve("out"));
    UnsafeArchiveException e = assertThrows(
        UnsafeArchiveException.class,
        () -> FileArtifacts.pull(repo, "evil", out, FilePullOptions.defaults()));
    assertTrue(e.getMessage().contains("site/escape") && e.getMessage().contains("absolute"), e.getMessage());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void helmChartsRoundTripAndRangesResolveOverTheTagList() throws IOException {
    Path dist = tmp.resolve("dist");
    Repository repo = null;
    for (String v : List.of("0.1.0", "0.2.0", "1.0.0+meta")) {
      Path tgz = HelmPackager.packageChart(chart(tmp, "shop", v), dist);
      repo = client.repository(HelmCharts.chartRepository("oci://" + registry.host() + "/charts",
          ChartArchive.readMetadata(tgz).name()));
      HelmCharts.push(repo, tgz);
    }
    assertTrue(repo.tags().contains("1.0.0_meta"), repo.tags().toString());
    PulledChart pulled = HelmCharts.pull(repo, "~0.1 || ^0.2", tmp.resolve("out"), HelmPullOptions.defaults());
    assertEquals("0.2.0", pulled.metadata().version());
    assertArrayEquals(Files.readAllBytes(dist.resolve("shop-0.2.0.tgz")), Files.readAllBytes(pulled.chart()));
    assertEquals("1.0.0+meta", HelmCharts.pull(repo, ">=0.2", tmp.resolve("out"), HelmPullOptions.defaults())
        .metadata().version());
  }

  @Test
  void wasmRoundTrips() throws IOException {
    Repository repo = client.repository(registry.host() + "/wasm/hello");
    Path wasm = tmp.resolve("hello.wasm");
    try (InputStream in = ArtifactsRegistryIT.class.getResourceAsStream("/dev/berth/artifacts/wasm/hello.component.wasm")) {
      Files.copy(in, wasm);
    }
    WasmArtifacts.push(repo, wasm, WasmPushOptions.defaults(), "0.1.0");
    PulledWasm pulled = WasmArtifacts.pull(repo, "0.1.0", tmp.resolve("out/hello.wasm"), WasmPullOptions.defaults());
    assertEquals(WasmKind.COMPONENT, pulled.kind());
    assertEquals("wasip2", pulled.config().os());
    assertEquals(List.of("wasi:cli/run@0.2.12"), pulled.config().component().exports());
    assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(pulled.file()));
  }

  static Path chart(Path parent, String name, String version) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("src-" + name + "-" + version));
    Files.writeString(dir.resolve("Chart.yaml"),
        "apiVersion: v2\nname: " + name + "\nversion: " + version + "\ndescription: test\n");
    Files.writeString(dir.resolve("values.yaml"), "greeting: hello\n");
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
    return dir;
  }
}

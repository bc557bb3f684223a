package dev.berth.modapp;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FileEntry;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.artifacts.wasm.WasmPushResult;
import dev.berth.core.Descriptor;
import dev.berth.core.remote.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.OkHttpClient;

/**
 * Pushes a directory of files, a Helm chart and a wasm module to a registry and pulls each back, as an
 * application on the module path would; prints one line per artifact and exits 1 if any copy differs.
 * Arguments: REGISTRY-HOST CHART-DIR WASM-FILE FILES-DIR WORK-DIR.
 */
public final class RoundTrip {
  private RoundTrip() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    Path chartDir = Path.of(args[1]);
    Path wasmFile = Path.of(args[2]);
    Path filesDir = Path.of(args[3]);
    Path work = Path.of(args[4]);

    // OkHttp is readable here only through berth's "requires transitive": this module does not require it.
    OkHttpClient http = new OkHttpClient.Builder().build();
    RegistryClient client = RegistryClient.builder().plainHttp(host).okHttpClient(http).build();

    FilePush push = FilePush.builder().add(FileEntry.of(filesDir)).build();
    Descriptor files = FileArtifacts.push(client.repository(host + "/modapp/files"), push, "v1");
    PulledFiles pulledFiles = FileArtifacts.pull(client.repository(host + "/modapp/files"), "v1",
        work.resolve("files"), FilePullOptions.defaults());
    Path pulledReadme = pulledFiles.files().get(0).path().resolve("README.txt");
    check(Files.mismatch(filesDir.resolve("README.txt"), pulledReadme) == -1, "files differ");
    System.out.println("files " + files.digest());

    Path tgz = HelmPackager.packageChart(chartDir, Files.createDirectories(work.resolve("packaged")));
    HelmPushResult chart = HelmCharts.push(client.repository(host + "/modapp/charts/" + chartDir.getFileName()),
        tgz, HelmPushOptions.defaults());
    PulledChart pulledChart = HelmCharts.pull(client.repository(host + "/modapp/charts/" + chartDir.getFileName()),
        chart.tag(), Files.createDirectories(work.resolve("charts")), HelmPullOptions.defaults());
    check(Files.mismatch(tgz, pulledChart.chart()) == -1, "charts differ");
    System.out.println("chart " + chart.manifest().digest());

    WasmPushResult wasm = WasmArtifacts.push(client.repository(host + "/modapp/wasm"), wasmFile,
        WasmPushOptions.defaults(), "v1");
    PulledWasm pulledWasm = WasmArtifacts.pull(client.repository(host + "/modapp/wasm"), "v1",
        work.resolve("pulled.wasm"), WasmPullOptions.builder().overwrite(true).build());
    check(Files.mismatch(wasmFile, pulledWasm.file()) == -1, "wasm modules differ");
    System.out.println("wasm " + wasm.manifest().digest());

    Module core = RegistryClient.class.getModule();
    System.out.println("module " + core.getName() + " exports internal: " + core.isExported("dev.berth.core.internal"));
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println(what);
      System.exit(1);
    }
  }
}

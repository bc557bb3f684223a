package dev.berth.cli.demo;

import dev.berth.artifacts.Annotations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The material the demo publishes, generated in code so the demo needs nothing but a JDK: a Helm chart
 * source directory, a wasm module and a directory of files. The content is fixed, so every run (and
 * every machine) produces the same bytes and therefore the same digests; only in GitHub Actions does
 * the chart also name the workflow's repository.
 *
 * @param chartDir a Helm chart directory: Chart.yaml, values.yaml, templates/configmap.yaml
 * @param wasmFile a wasm module exporting {@code add}
 * @param filesDir a small directory tree of text files
 */
public record DemoInputs(Path chartDir, Path wasmFile, Path filesDir) {
  /** The chart's name, which is also its repository name, as Helm does it. */
  public static final String CHART_NAME = "hello-chart";
  /** The chart's version, which is also its tag. */
  public static final String CHART_VERSION = "0.1.0";

  /** Writes the inputs under {@code dir}, replacing what an earlier run left there. */
  public static DemoInputs write(Path dir) throws IOException {
    Path chart = dir.resolve(CHART_NAME);
    // In GitHub Actions the chart names its repository, which ghcr.io uses to link the package to it.
    String sources = Annotations.gitHubActionsSource(System.getenv())
        .map(url -> "sources:\n  - " + url + "\n").orElse("");
    write(chart.resolve("Chart.yaml"), """
        apiVersion: v2
        name: %s
        description: A tiny chart made by berth demo
        type: application
        version: %s
        appVersion: "1.0.0"
        %s""".formatted(CHART_NAME, CHART_VERSION, sources));
    write(chart.resolve("values.yaml"), """
        greeting: Hello from berth
        """);
    write(chart.resolve("templates").resolve("configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-greeting
        data:
          greeting: {{ .Values.greeting | quote }}
        """);

    Path wasm = dir.resolve("add.wasm");
    Files.createDirectories(dir);
    Files.write(wasm, AddModule.bytes());

    Path files = dir.resolve("files");
    write(files.resolve("README.txt"), "Files pushed by berth demo, pulled back byte for byte.\n");
    write(files.resolve("config").resolve("settings.json"), "{\"retries\": 3, \"region\": \"eu-west\"}\n");
    write(files.resolve("data").resolve("numbers.csv"), "n,square\n1,1\n2,4\n3,9\n");
    return new DemoInputs(chart, wasm, files);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}

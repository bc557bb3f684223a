package dev.berth.cli.demo;

import java.util.List;

/** The artifacts the demo publishes, in table order. */
final class DemoArtifacts {
  private DemoArtifacts() {}

  static List<DemoArtifact> all(DemoInputs inputs) {
    return List.of(
        new HelmArtifact(inputs.chartDir(), inputs.chartDir().resolveSibling("packaged")),
        new WasmArtifact(inputs.wasmFile()),
        new FilesArtifact(inputs.filesDir()));
  }
}

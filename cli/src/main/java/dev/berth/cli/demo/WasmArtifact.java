package dev.berth.cli.demo;

import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.OciException;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's wasm module: pushed in the CNCF wasm layout, pulled back, and run. */
final class WasmArtifact implements DemoArtifact {
  private final Path wasmFile;

  WasmArtifact(Path wasmFile) {
    this.wasmFile = wasmFile;
  }

  @Override
  public String kind() {
    return "wasm";
  }

  @Override
  public String repository() {
    return "add-wasm";
  }

  @Override
  public String tag() {
    return "1.0.0";
  }

  @Override
  public Descriptor push(Target target) throws IOException {
    WasmPushOptions options = WasmPushOptions.builder().created(FilesArtifact.CREATED).build();
    return WasmArtifacts.push(target, wasmFile, options, tag()).manifest();
  }

  @Override
  public Path pull(ReadOnlyTarget source, Path into) throws IOException {
    WasmPullOptions replace = WasmPullOptions.builder().overwrite(true).build();
    return WasmArtifacts.pull(source, tag(), into.resolve("add.wasm"), replace).file();
  }

  @Override
  public String check(Path pulled) throws IOException {
    int sum = AddModule.call(Files.readAllBytes(pulled), 2, 3);
    if (sum != 5) {
      throw new OciException("the pulled module computed add(2, 3) = " + sum);
    }
    return "add(2, 3) = 5 in Chicory";
  }
}

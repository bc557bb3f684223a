package dev.berth.cli;

import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.artifacts.wasm.WasmPushResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth wasm push|pull}: WebAssembly modules and components in the CNCF wasm OCI layout. */
@Command(name = "wasm", mixinStandardHelpOptions = true,
    description = "Push and pull WebAssembly modules and components (CNCF wasm OCI artifact layout).",
    subcommands = {WasmCommand.Push.class, WasmCommand.Pull.class})
final class WasmCommand {
  private WasmCommand() {}

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Push FILE.wasm to REF; prints the manifest digest.",
          "The manifest follows the CNCF wasm OCI layout: a config recording module or component"
              + " (wasip1/wasip2) and one application/wasm layer."})
  static final class Push extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG or oci:PATH:TAG.")
    String ref;

    @Parameters(index = "1", paramLabel = "FILE.wasm", description = "A core module or a component.")
    Path file;

    @Option(names = {"-a", "--annotation"}, paramLabel = "KEY=VALUE", description = "A manifest annotation; repeatable.")
    Map<String, String> annotations = new LinkedHashMap<>();

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(ref);
      Args.tagOnly(target, "push", "the new manifest");
      LocalPaths.inputFile(file);
      WasmPushOptions options = WasmPushOptions.builder()
          .annotations(SourceAnnotation.withGitHubActionsSource(annotations, session.console())).build();
      ProgressBars bars = session.showProgress("push");
      WasmPushResult result = WasmArtifacts.push(session.open(target, true), file, options, target.tag());
      bars.finish();
      session.console().note("pushed a wasm " + result.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " (" + result.config().os() + ")");
      session.console().result(result.manifest().digest().toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = {"Pull the wasm binary REF names to -o FILE.wasm; prints the manifest digest.",
          "Nothing is written unless the bytes are WebAssembly. Also reads older wasm-to-oci layouts."})
  static final class Pull extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
    String ref;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.wasm", description = "Where to write it.")
    Path output;

    @Option(names = "--overwrite", description = "Replace FILE.wasm if it exists.")
    boolean overwrite;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(ref);
      LocalPaths.outputFile(output);
      if (!overwrite && Files.exists(output)) {
        // Say so before downloading; the library refuses too, but only after fetching the module.
        throw new FileAlreadyExistsException(output.toString());
      }
      ProgressBars bars = session.showProgress("pull");
      PulledWasm pulled = WasmArtifacts.pull(session.open(target, false), Args.reference(target), output,
          WasmPullOptions.builder().overwrite(overwrite).build());
      bars.finish();
      session.console().note("wrote " + pulled.file() + " (" + pulled.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
      session.console().result(pulled.manifest().digest().toString());
      return ExitCodes.OK;
    }
  }
}

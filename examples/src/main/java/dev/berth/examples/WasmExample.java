package dev.berth.examples;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.core.Reference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Pushes a WebAssembly module to a registry (CNCF wasm OCI layout), pulls it back, and runs one of its
 * exported functions in Chicory, a WebAssembly runtime written in pure Java: no native code anywhere.
 * Push and pull are one call each, with the credentials the CLI would use.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.WasmExample ghcr.io/OWNER/add-wasm:1.0.0 add.wasm add 2 3
 * </pre>
 */
public final class WasmExample {
  private WasmExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: WasmExample REF FILE.wasm FUNCTION [I64-ARGS...]");
      System.exit(2);
    }
    Reference ref = Reference.parse(args[0]);
    System.out.println("pushed " + WasmArtifacts.push(ref, Path.of(args[1])).manifest().digest());
    WasmPullOptions replace = WasmPullOptions.builder().overwrite(true).build();
    PulledWasm pulled = WasmArtifacts.pull(ref, Path.of("pulled.wasm"), replace);
    long[] params = Arrays.stream(args, 3, args.length).mapToLong(Long::parseLong).toArray();
    long[] results = run(pulled.file(), args[2], params);
    System.out.println(args[2] + Arrays.toString(params) + " = " + Arrays.toString(results));
  }

  /** Calls the exported {@code function} of the module in {@code wasmFile} with {@code params}. */
  public static long[] run(Path wasmFile, String function, long... params) {
    Instance instance = Instance.builder(Parser.parse(wasmFile)).build();
    return instance.export(function).apply(params);
  }
}

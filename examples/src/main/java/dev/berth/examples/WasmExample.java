package dev.berth.examples;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.artifacts.wasm.WasmPushResult;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Reference;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Pushes a WebAssembly module to a registry (CNCF wasm OCI layout), pulls it back, and runs one of its
 * exported functions in Chicory, a WebAssembly runtime written in pure Java: no native code anywhere.
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
    RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
    Reference ref = Reference.parse(args[0]);
    WasmPushResult pushed = push(client, ref, Path.of(args[1]));
    System.out.println("pushed " + pushed.manifest().digest());
    long[] params = Arrays.stream(args, 3, args.length).mapToLong(Long::parseLong).toArray();
    long[] results = pullAndRun(client, ref, Path.of("pulled.wasm"), args[2], params);
    System.out.println(args[2] + Arrays.toString(params) + " = " + Arrays.toString(results));
  }

  /** Pushes {@code wasmFile} under {@code ref}'s tag. */
  public static WasmPushResult push(RegistryClient client, Reference ref, Path wasmFile) throws IOException {
    return WasmArtifacts.push(client.repository(ref), wasmFile, WasmPushOptions.defaults(), ref.tag());
  }

  /** Pulls {@code ref} to {@code file}, then calls its exported {@code function} with {@code params}. */
  public static long[] pullAndRun(RegistryClient client, Reference ref, Path file, String function, long... params)
      throws IOException {
    PulledWasm pulled = WasmArtifacts.pull(client.repository(ref), ref.reference(), file, true);
    Instance instance = Instance.builder(Parser.parse(pulled.file())).build();
    return instance.export(function).apply(params);
  }
}

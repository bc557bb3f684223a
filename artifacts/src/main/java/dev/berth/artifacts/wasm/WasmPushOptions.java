package dev.berth.artifacts.wasm;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options for {@link WasmArtifacts#push}.
 *
 * @param author the config's {@code author}, or null
 * @param created the config's {@code created}, or null for now (fixed: the same file gives the same digest)
 * @param component a component's imports and exports when the caller knows them (for example from its
 *     WIT world); null to read them from the binary when that is possible
 * @param annotations annotations on the manifest
 */
public record WasmPushOptions(String author, Instant created, WasmComponent component, Map<String, String> annotations) {
  public WasmPushOptions {
    annotations = annotations == null ? Map.of() : Map.copyOf(new TreeMap<>(annotations));
  }

  public static WasmPushOptions defaults() {
    return new WasmPushOptions(null, null, null, null);
  }

  public WasmPushOptions withAuthor(String a) {
    return new WasmPushOptions(a, created, component, annotations);
  }

  public WasmPushOptions withCreated(Instant c) {
    return new WasmPushOptions(author, c, component, annotations);
  }

  public WasmPushOptions withComponent(WasmComponent c) {
    return new WasmPushOptions(author, created, c, annotations);
  }

  public WasmPushOptions withAnnotations(Map<String, String> a) {
    return new WasmPushOptions(author, created, component, a);
  }
}

package dev.berth.artifacts.wasm;

import dev.berth.artifacts.Annotations;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options for {@link WasmArtifacts#push}.
 *
 * @param author the config's {@code author}, or null
 * @param created the config's {@code created}, or null for the time of the push (a fixed time makes the
 *     same file give the same digest)
 * @param component a component's imports and exports when the caller knows them (for example from its
 *     WIT world); null to read them from the binary when that is possible
 * @param annotations annotations on the manifest
 */
public record WasmPushOptions(String author, Instant created, WasmComponent component, Map<String, String> annotations) {
  /** Copies the annotations, sorted by key; null becomes empty. */
  public WasmPushOptions {
    annotations = annotations == null ? Map.of() : Map.copyOf(new TreeMap<>(Annotations.requirePrintable(annotations)));
  }

  /**
   * No author, created at push time, a component's imports and exports read from the binary when
   * possible, no annotations.
   */
  public static WasmPushOptions defaults() {
    return new WasmPushOptions(null, null, null, null);
  }

  /** A copy with this author (null for none). */
  public WasmPushOptions withAuthor(String a) {
    return new WasmPushOptions(a, created, component, annotations);
  }

  /** A copy with this fixed creation time (null for the time of the push). */
  public WasmPushOptions withCreated(Instant c) {
    return new WasmPushOptions(author, c, component, annotations);
  }

  /** A copy with these imports and exports (null to read them from the binary). */
  public WasmPushOptions withComponent(WasmComponent c) {
    return new WasmPushOptions(author, created, c, annotations);
  }

  /** A copy with these manifest annotations instead. */
  public WasmPushOptions withAnnotations(Map<String, String> a) {
    return new WasmPushOptions(author, created, component, a);
  }
}

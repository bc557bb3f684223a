package dev.berth.artifacts.wasm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code component} field of a wasm artifact config: what a component imports and exports (the
 * names of its world's items, e.g. {@code wasi:cli/run@0.2.0}), and optionally the world it targets.
 *
 * @param exports exported interface and function names
 * @param imports imported interface and function names
 * @param target the targeted world, e.g. {@code wasi:http/proxy@0.2.0}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"exports", "imports", "target"})
public record WasmComponent(List<String> exports, List<String> imports, @Nullable String target) {
  /** Copies the lists; null becomes empty. */
  public WasmComponent {
    exports = exports == null ? List.of() : List.copyOf(exports);
    imports = imports == null ? List.of() : List.copyOf(imports);
  }

  /** A copy naming the world this component targets. */
  public WasmComponent withTarget(String world) {
    return new WasmComponent(exports, imports, world);
  }
}

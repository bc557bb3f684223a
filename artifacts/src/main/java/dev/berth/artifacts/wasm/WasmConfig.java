package dev.berth.artifacts.wasm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The config blob of a wasm artifact ({@code application/vnd.wasm.config.v0+json}, CNCF TAG Runtime
 * wasm OCI artifact layout), in the field order the reference implementation ({@code oci-wasm}) writes.
 *
 * @param created when the artifact was made (RFC 3339)
 * @param author who made it, or null
 * @param architecture always {@code wasm}
 * @param os {@code wasip1} for a core module, {@code wasip2} for a component
 * @param layerDigests the digests of the manifest's layers, in order (it makes each config unique)
 * @param component imports and exports of a component when known, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "author", "architecture", "os", "layerDigests", "component"})
public record WasmConfig(String created, @Nullable String author, String architecture, String os, List<String> layerDigests,
    @Nullable WasmComponent component) {

  /** The only architecture value. */
  public static final String ARCHITECTURE = "wasm";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the layer digests; null becomes empty. */
  public WasmConfig {
    layerDigests = layerDigests == null ? List.of() : List.copyOf(layerDigests);
  }

  /** Compact JSON. */
  public byte[] toJson() {
    try {
      return MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the wasm config", e);
    }
  }

  /**
   * Parses a config blob.
   *
   * @throws IllegalArgumentException when it is not JSON of that shape
   */
  public static WasmConfig parse(byte[] json) {
    try {
      return MAPPER.readValue(json, WasmConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("wasm config is not valid JSON: " + e.getMessage(), e);
    }
  }
}

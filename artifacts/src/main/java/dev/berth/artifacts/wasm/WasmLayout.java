package dev.berth.artifacts.wasm;

import dev.berth.core.MediaTypes;

/** The ways wasm binaries are stored in registries that {@link WasmArtifacts#pull} reads. */
public enum WasmLayout {
  /**
   * CNCF TAG Runtime wasm OCI artifact: config {@code application/vnd.wasm.config.v0+json}, exactly one
   * layer {@code application/wasm}. What {@link WasmArtifacts#push} writes.
   */
  CNCF(MediaTypes.WASM_LAYER),
  /** wasm-to-oci (and early Krustlet): config {@code application/vnd.wasm.config.v1+json}. */
  WASM_TO_OCI("application/vnd.wasm.content.layer.v1+wasm"),
  /** containerd runwasi: an image whose wasm layer has this type, beside other layers. */
  RUNWASI("application/vnd.bytecodealliance.wasm.component.layer.v0+wasm");

  private final String layerMediaType;

  WasmLayout(String layerMediaType) {
    this.layerMediaType = layerMediaType;
  }

  /** The media type of the layer holding the binary. */
  public String layerMediaType() {
    return layerMediaType;
  }
}

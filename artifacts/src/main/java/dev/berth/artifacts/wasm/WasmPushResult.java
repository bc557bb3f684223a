package dev.berth.artifacts.wasm;

import dev.berth.core.Descriptor;

/**
 * What {@link WasmArtifacts#push} stored.
 *
 * @param manifest the manifest's descriptor
 * @param config the config as pushed
 * @param layer the {@code application/wasm} layer
 * @param kind module or component
 */
public record WasmPushResult(Descriptor manifest, WasmConfig config, Descriptor layer, WasmKind kind) {}

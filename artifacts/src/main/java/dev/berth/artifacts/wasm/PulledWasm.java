package dev.berth.artifacts.wasm;

import dev.berth.core.Descriptor;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What {@link WasmArtifacts#pull} wrote.
 *
 * @param file the {@code .wasm} file
 * @param kind module or component, from the binary itself
 * @param config the CNCF config when the artifact has one ({@code application/vnd.wasm.config.v0+json}),
 *     null for the older layouts
 * @param layout which layout the artifact used
 * @param manifest the manifest's descriptor
 * @param layer the layer that held the binary
 */
public record PulledWasm(Path file, WasmKind kind, @Nullable WasmConfig config, @Nullable WasmLayout layout, Descriptor manifest,
    Descriptor layer) {}

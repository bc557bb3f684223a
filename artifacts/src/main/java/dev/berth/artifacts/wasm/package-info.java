/**
 * WebAssembly modules and components in the CNCF TAG Runtime wasm OCI artifact layout: {@link
 * dev.berth.artifacts.wasm.WasmArtifacts}, {@link dev.berth.artifacts.wasm.WasmConfig}, and the binary
 * readers {@link dev.berth.artifacts.wasm.WasmBinary} and {@link dev.berth.artifacts.wasm.ComponentInterfaces}.
 */
@NullMarked
package dev.berth.artifacts.wasm;

import org.jspecify.annotations.NullMarked;

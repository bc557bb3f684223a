package dev.berth.artifacts.wasm;

/** What a {@code .wasm} file holds, told apart by its 8-byte preamble. */
public enum WasmKind {
  /** A core WebAssembly module ({@code \0asm}, version 1, layer 0): WASI preview 1, {@code os: wasip1}. */
  MODULE("wasip1"),
  /** A component ({@code \0asm}, layer 1): WASI preview 2, {@code os: wasip2}. */
  COMPONENT("wasip2");

  private final String os;

  WasmKind(String os) {
    this.os = os;
  }

  /** The {@code os} value the CNCF wasm OCI artifact config uses for this kind. */
  public String os() {
    return os;
  }
}

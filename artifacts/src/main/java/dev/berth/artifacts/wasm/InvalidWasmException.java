package dev.berth.artifacts.wasm;

import dev.berth.core.OciException;

/** A file or layer that should be WebAssembly is not (wrong magic bytes, unknown version or layer). */
public class InvalidWasmException extends OciException {
  /** @param message which file or layer, and what about it is not WebAssembly */
  public InvalidWasmException(String message) {
    super(message);
  }
}

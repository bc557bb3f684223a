package dev.berth.artifacts.wasm;

import dev.berth.core.content.LocalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a WebAssembly binary's preamble: {@code \0asm}, then a 2-byte version and a 2-byte layer, both
 * little-endian. A core module is version 1, layer 0 (the core spec's 4-byte version {@code 01 00 00
 * 00}); a component is layer 1, with a version that counts pre-standard drafts ({@code 0x0d} today).
 */
public final class WasmBinary {
  /** The preamble's length. */
  public static final int PREAMBLE_BYTES = 8;

  private WasmBinary() {}

  /**
   * The kind of the binary whose first bytes are {@code preamble}.
   *
   * @throws InvalidWasmException when they are not a module's or a component's preamble
   */
  public static WasmKind kind(byte[] preamble) throws InvalidWasmException {
    if (preamble.length < PREAMBLE_BYTES || preamble[0] != 0 || preamble[1] != 'a' || preamble[2] != 's'
        || preamble[3] != 'm') {
      throw new InvalidWasmException("not a WebAssembly binary: it does not start with \\0asm");
    }
    int version = (preamble[4] & 0xff) | (preamble[5] & 0xff) << 8;
    int layer = (preamble[6] & 0xff) | (preamble[7] & 0xff) << 8;
    if (layer == 0 && version == 1) {
      return WasmKind.MODULE;
    }
    if (layer == 1) {
      return WasmKind.COMPONENT;
    }
    throw new InvalidWasmException("unsupported WebAssembly binary: version " + version + ", layer " + layer);
  }

  /**
   * The kind of the binary in {@code file}.
   *
   * @throws InvalidWasmException naming the file, when it is not a module or a component
   */
  public static WasmKind kind(Path file) throws IOException {
    return kind(file, file.toString());
  }

  /**
   * The kind of the binary in {@code file}, with {@code what} (the file's name for the user, a layer)
   * at the front of any error.
   *
   * @throws InvalidWasmException when it is not a module or a component
   */
  public static WasmKind kind(Path file, String what) throws IOException {
    byte[] preamble;
    try (InputStream in = LocalFiles.openRegularFile(file)) {
      preamble = in.readNBytes(PREAMBLE_BYTES);
    }
    return kind(preamble, what);
  }

  /**
   * As {@link #kind(byte[])}, with {@code what} (a file name, a layer) at the front of any error.
   *
   * @throws InvalidWasmException when the bytes are not a module's or a component's preamble
   */
  public static WasmKind kind(byte[] preamble, String what) throws InvalidWasmException {
    try {
      return kind(preamble);
    } catch (InvalidWasmException e) {
      throw new InvalidWasmException(what + ": " + e.getMessage());
    }
  }
}

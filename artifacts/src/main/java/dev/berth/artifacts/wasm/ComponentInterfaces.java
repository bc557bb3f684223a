package dev.berth.artifacts.wasm;

import dev.berth.core.content.LocalFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a component imports and exports from its top-level import (id 10) and export (id 11)
 * sections (component-model {@code Binary.md}), without decoding its types: the names of imported and
 * exported instances (interfaces such as {@code wasi:cli/run@0.2.0}) and functions, which is what a
 * component's world lists. Type, value, module and component items are not world items and are left out.
 *
 * <p>This is the cheap part of what {@code wit-component} decodes. Whenever the binary uses an encoding
 * this reader does not know (name forms other than the plain {@code 0x00} one, value imports), it says
 * "unknown" ({@link Optional#empty()}) rather than guess.
 */
public final class ComponentInterfaces {
  /** Import and export sections larger than this are not read (real ones are a few KiB). */
  private static final int MAX_SECTION_BYTES = 16 << 20;
  /** Top-level sections scanned at most; past this the interfaces are reported unknown. */
  static final int MAX_SECTIONS = 100_000;
  private static final int SECTION_IMPORT = 10;
  private static final int SECTION_EXPORT = 11;

  private ComponentInterfaces() {}

  /** The imports and exports of the component in {@code file}; empty when not a component or unknown. */
  public static Optional<WasmComponent> read(Path file) throws IOException {
    // Buffered: the scan reads section headers a byte at a time (unbuffered, ~1.4 MiB/s on a file of
    // tiny sections); skipping a section seeks the file rather than reading it.
    try (InputStream in = new BufferedInputStream(LocalFiles.openRegularFile(file), 64 * 1024)) {
      return read(in);
    }
  }

  /** As {@link #read(Path)}, from a stream positioned at the preamble (not closed). */
  public static Optional<WasmComponent> read(InputStream in) throws IOException {
    try {
      if (WasmBinary.kind(in.readNBytes(WasmBinary.PREAMBLE_BYTES)) != WasmKind.COMPONENT) {
        return Optional.empty();
      }
    } catch (InvalidWasmException e) {
      return Optional.empty();
    }
    List<String> imports = new ArrayList<>();
    List<String> exports = new ArrayList<>();
    try {
      int id;
      int sections = 0;
      while ((id = in.read()) >= 0) {
        if (++sections > MAX_SECTIONS) {
          return Optional.empty(); // real components have dozens; a file of millions is not worth scanning
        }
        long size = u32(in);
        if (id == SECTION_IMPORT || id == SECTION_EXPORT) {
          if (size > MAX_SECTION_BYTES) {
            return Optional.empty();
          }
          byte[] body = in.readNBytes((int) size);
          if (body.length != size) {
            return Optional.empty();
          }
          boolean ok = id == SECTION_IMPORT ? readImports(body, imports) : readExports(body, exports);
          if (!ok) {
            return Optional.empty();
          }
        } else {
          // Nested components and modules are sections too: their imports are not this component's.
          in.skipNBytes(size);
        }
      }
    } catch (EOFException | Malformed e) {
      return Optional.empty();
    }
    return Optional.of(new WasmComponent(exports, imports, null));
  }

  private static boolean readImports(byte[] body, List<String> out) throws IOException, Malformed {
    InputStream in = new ByteArrayInputStream(body);
    long n = u32(in);
    for (long i = 0; i < n; i++) {
      String name = externName(in);
      int kind = readByte(in);
      switch (kind) {
        case 0x00 -> { // core module: 0x11 typeidx
          if (readByte(in) != 0x11) {
            return false;
          }
          u32(in);
        }
        case 0x01, 0x05 -> { // func, instance
          u32(in);
          out.add(name);
        }
        case 0x03 -> { // type bound: (eq i) or (sub resource)
          int bound = readByte(in);
          if (bound == 0x00) {
            u32(in);
          } else if (bound != 0x01) {
            return false;
          }
        }
        case 0x04 -> u32(in); // component
        default -> {
          return false; // values (0x02) have had more than one encoding; unknown rather than wrong
        }
      }
    }
    return in.available() == 0;
  }

  private static boolean readExports(byte[] body, List<String> out) throws IOException, Malformed {
    InputStream in = new ByteArrayInputStream(body);
    long n = u32(in);
    for (long i = 0; i < n; i++) {
      String name = externName(in);
      int sort = readByte(in);
      if (sort == 0x00) {
        readByte(in); // core sort
      } else if (sort < 0x01 || sort > 0x05) {
        return false;
      }
      u32(in); // index
      int hasType = readByte(in);
      if (hasType == 0x01) {
        if (!skipExternDesc(in)) {
          return false;
        }
      } else if (hasType != 0x00) {
        return false;
      }
      if (sort == 0x01 || sort == 0x05) {
        out.add(name);
      }
    }
    return in.available() == 0;
  }

  private static boolean skipExternDesc(InputStream in) throws IOException, Malformed {
    int kind = readByte(in);
    switch (kind) {
      case 0x00 -> {
        if (readByte(in) != 0x11) {
          return false;
        }
        u32(in);
      }
      case 0x01, 0x04, 0x05 -> u32(in);
      case 0x03 -> {
        int bound = readByte(in);
        if (bound == 0x00) {
          u32(in);
        } else if (bound != 0x01) {
          return false;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** {@code 0x00 len:u32 name:utf8}: the one name form whose layout has not changed between drafts. */
  private static String externName(InputStream in) throws IOException, Malformed {
    if (readByte(in) != 0x00) {
      throw new Malformed();
    }
    long len = u32(in);
    if (len > MAX_SECTION_BYTES) {
      throw new Malformed();
    }
    byte[] b = in.readNBytes((int) len);
    if (b.length != len) {
      throw new EOFException();
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed();
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  /** Unsigned LEB128, at most 5 bytes for a u32. */
  private static long u32(InputStream in) throws IOException, Malformed {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte(in);
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (result > 0xffffffffL) {
          throw new Malformed();
        }
        return result;
      }
    }
    throw new Malformed();
  }

  /** The binary is not what this reader understands; the caller reports "unknown". */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }
}

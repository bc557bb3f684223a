package dev.berth.cli.demo;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;

/**
 * The smallest useful wasm module: it exports {@code add(i32, i32) -> i32}. Its 41 bytes are written out
 * by hand (WebAssembly core spec, binary format) so the demo needs no compiler; {@link #call} runs
 * them in Chicory, a WebAssembly runtime written in Java, to show that what was pulled is a working
 * module and not merely the same bytes.
 */
public final class AddModule {
  private static final byte[] BYTES = {
    0x00, 0x61, 0x73, 0x6d, // magic: \0asm
    0x01, 0x00, 0x00, 0x00, // version 1
    // type section (id 1), 7 bytes: one type, func (i32, i32) -> (i32)
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
    // function section (id 3), 2 bytes: one function, of type 0
    0x03, 0x02, 0x01, 0x00,
    // export section (id 7), 7 bytes: one export, "add", a function, index 0
    0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
    // code section (id 10), 9 bytes: one body of 7 bytes, no locals:
    // local.get 0, local.get 1, i32.add, end
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
  };

  private AddModule() {}

  /** The module's bytes (a fresh copy). */
  public static byte[] bytes() {
    return BYTES.clone();
  }

  /**
   * Instantiates {@code module} and calls its exported {@code add}.
   *
   * @throws com.dylibso.chicory.wasm.ChicoryException when the bytes are not a valid module exporting add
   */
  public static int call(byte[] module, int a, int b) {
    Instance instance = Instance.builder(Parser.parse(module)).build();
    return (int) instance.export("add").apply(a, b)[0];
  }
}

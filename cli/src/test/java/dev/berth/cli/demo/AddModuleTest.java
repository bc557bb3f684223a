package dev.berth.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AddModuleTest {
  @Test
  void handAssembledModuleAddsInChicory() {
    assertEquals(5, AddModule.call(AddModule.bytes(), 2, 3));
    assertEquals(-1, AddModule.call(AddModule.bytes(), Integer.MAX_VALUE, Integer.MIN_VALUE));
  }

  @Test
  void corruptedModuleIsRefusedByTheRuntime() {
    byte[] broken = AddModule.bytes();
    broken[broken.length - 1] = 0x00; // drop the body's `end`
    assertThrows(RuntimeException.class, () -> AddModule.call(broken, 1, 1));
  }
}

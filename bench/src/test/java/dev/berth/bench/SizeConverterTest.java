package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizeConverterTest {
  @Test
  void binaryUnitsInAnyCase() {
    assertEquals(1024, SizeConverter.parse("1KiB"));
    assertEquals(32L << 20, SizeConverter.parse("32MiB"));
    assertEquals(32L << 20, SizeConverter.parse("32m"));
    assertEquals(4L << 30, SizeConverter.parse("4 GiB"));
    assertEquals(1000, SizeConverter.parse("1000"));
    assertEquals(1000, SizeConverter.parse("1000B"));
  }

  @Test
  void garbageIsRefusedWithAnExample() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SizeConverter.parse("lots"));
    assertEquals("not a size: lots (e.g. 1024, 64KiB, 256MiB, 4GiB)", e.getMessage());
  }
}

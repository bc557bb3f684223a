package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededBytesTest {
  @Test
  void sameSeedGivesTheSameBytesWhateverTheReadSizes() throws IOException {
    byte[] whole = new SeededBytes(7, 100_003).readAllBytes();
    SeededBytes pieces = new SeededBytes(7, 100_003);
    byte[] assembled = new byte[whole.length];
    int at = 0;
    for (int step = 1; at < assembled.length; step = step * 3 % 4099 + 1) {
      int n = pieces.read(assembled, at, Math.min(step, assembled.length - at));
      at += n;
    }
    assertArrayEquals(whole, assembled);
    assertEquals(-1, pieces.read());
  }

  @Test
  void yieldsExactlyItsSize() throws IOException {
    assertEquals(0, new SeededBytes(1, 0).readAllBytes().length);
    assertEquals(12_345, new SeededBytes(1, 12_345).readAllBytes().length);
  }

  @Test
  void differentSeedsGiveDifferentBytes() throws IOException {
    assertFalse(Arrays.equals(new SeededBytes(1, 64).readAllBytes(), new SeededBytes(2, 64).readAllBytes()));
  }
}

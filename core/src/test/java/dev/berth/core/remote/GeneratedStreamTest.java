package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GeneratedStreamTest {
  @Test
  void theBytesDoNotDependOnHowReadsAreSplit() throws IOException {
    byte[] whole = new GeneratedStream(1003, 9).readAllBytes();
    ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    try (GeneratedStream in = new GeneratedStream(1003, 9)) {
      byte[] buf = new byte[13];
      int[] sizes = {1, 3, 8, 13, 5, 7};
      int n;
      int i = 0;
      while ((n = in.read(buf, 0, sizes[i++ % sizes.length])) > 0) {
        pieces.write(buf, 0, n);
      }
    }
    assertEquals(1003, whole.length);
    assertArrayEquals(whole, pieces.toByteArray());
  }

  @Test
  void theDescriptorMatchesTheBytes() throws IOException {
    byte[] bytes = new GeneratedStream(4096, 5).readAllBytes();
    assertEquals(dev.berth.core.Digest.sha256(bytes), GeneratedStream.describe(4096, 5).digest());
  }
}

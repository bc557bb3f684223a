package dev.berth.bench;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes from a seeded generator: the same seed gives the same bytes, so the
 * benchmark's input is reproducible without being stored anywhere but the data set's files. Random
 * bytes do not compress, so no layer of the stack can cheat by compressing them.
 */
final class SeededBytes extends InputStream {
  private final SplittableRandom random;
  private final long size;
  private long position;
  private long word;
  private int wordBytesLeft;

  SeededBytes(long seed, long size) {
    this.random = new SplittableRandom(seed);
    this.size = size;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - position);
    for (int i = 0; i < n; i++) {
      if (wordBytesLeft == 0) {
        word = random.nextLong();
        wordBytesLeft = 8;
      }
      b[off + i] = (byte) word;
      word >>>= 8;
      wordBytesLeft--;
    }
    position += n;
    return n;
  }
}

package dev.berth.core.remote;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A deterministic stream of pseudo-random bytes of any length, generated on the fly (xorshift), so that
 * tests can move gigabytes without holding or storing them.
 */
final class GeneratedStream extends InputStream {
  private final long length;
  private long position;
  private long state;

  GeneratedStream(long length, long seed) {
    this.length = length;
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /** The descriptor of the stream {@code (length, seed)} produces, computed by generating it once. */
  static Descriptor describe(long length, long seed) throws IOException {
    MessageDigest md = Digest.of(Digest.SHA256, "0".repeat(64)).newMessageDigest();
    byte[] buf = new byte[1 << 16];
    try (GeneratedStream in = new GeneratedStream(length, seed)) {
      int n;
      while ((n = in.read(buf, 0, buf.length)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Descriptor.of(MediaTypes.OCI_LAYER_TAR, Digest.fromMessageDigest(Digest.SHA256, md), length);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    // Each 8-byte word of the output is one generator step, little-endian, so the bytes do not depend
    // on how callers split their reads.
    int i = 0;
    while (i < n && (position + i & 7) != 0) {
      b[off + i] = (byte) (state >>> ((position + i & 7) * 8));
      i++;
    }
    while (n - i >= 8) {
      step();
      long w = state;
      for (int k = 0; k < 8; k++) {
        b[off + i + k] = (byte) (w >>> (k * 8));
      }
      i += 8;
    }
    if (i < n) {
      step();
      for (; i < n; i++) {
        b[off + i] = (byte) (state >>> ((position + i & 7) * 8));
      }
    }
    position += n;
    return n;
  }

  private void step() {
    state ^= state << 13;
    state ^= state >>> 7;
    state ^= state << 17;
  }
}

package dev.berth.core.content;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.SizeMismatchException;
import dev.berth.core.internal.ReadThroughInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a stream of the content a descriptor describes: yields at most {@code size} bytes, hashes them as
 * they pass, and at end of stream throws {@link SizeMismatchException} or {@link
 * DigestMismatchException} when they were not the promised content. One pass, constant memory.
 *
 * <p>A reader that stops before the end gets no verdict; {@link #verified()} says whether the whole
 * content was read and checked. A digest whose algorithm berth cannot compute is checked for size only.
 */
public final class VerifiedInputStream extends ReadThroughInputStream {
  private final Descriptor expected;
  private final @Nullable MessageDigest md;
  private long count;
  private boolean verified;
  /** The verdict once reached, so later reads repeat it instead of hashing an already-reset digest. */
  private @Nullable Digest actual;

  /**
   * @param in the content; closing this stream closes it
   * @param expected the descriptor whose size and digest the content must match
   */
  public VerifiedInputStream(InputStream in, Descriptor expected) {
    super(in);
    this.expected = expected;
    this.md = expected.digest().isVerifiable() ? expected.digest().newMessageDigest() : null;
  }

  /** The descriptor this stream checks against. */
  public Descriptor expected() {
    return expected;
  }

  /** Bytes read so far. */
  public long bytesRead() {
    return count;
  }

  /** Whether the whole content was read and matched. */
  public boolean verified() {
    return verified;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long remaining = expected.size() - count;
    if (remaining <= 0) {
      // Read past the declared size: one more byte means the source is too long.
      int extra = in.read();
      if (extra >= 0) {
        throw new SizeMismatchException(expected, -1);
      }
      finish();
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new SizeMismatchException(expected, count);
    }
    if (md != null) {
      md.update(b, off, n);
    }
    count += n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), expected.size() - count);
  }

  private void finish() throws IOException {
    if (verified) {
      return;
    }
    if (md != null) {
      if (actual == null) {
        actual = Digest.fromMessageDigest(expected.digest().algorithm(), md);
      }
      if (!actual.equals(expected.digest())) {
        throw new DigestMismatchException(expected, actual);
      }
    }
    verified = true;
  }
}

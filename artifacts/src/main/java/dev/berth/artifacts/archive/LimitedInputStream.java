package dev.berth.artifacts.archive;

import dev.berth.core.SizeLimitExceededException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes read and throws {@link SizeLimitExceededException} once more than a limit have passed:
 * the stop for decompression bombs.
 */
public final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String what;
  private long count;

  /**
   * @param limit the most bytes that may be read
   * @param what names the stream in the {@link SizeLimitExceededException} message
   */
  public LimitedInputStream(InputStream in, long limit, String what) {
    super(in);
    this.limit = limit;
    this.what = what;
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes are still expanded bytes: read them so they count.
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void add(int n) throws SizeLimitExceededException {
    count += n;
    if (count > limit) {
      throw new SizeLimitExceededException(what, limit);
    }
  }
}

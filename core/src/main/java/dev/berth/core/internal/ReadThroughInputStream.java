package dev.berth.core.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter stream whose subclasses must see every byte (to hash or count it): {@link #skip(long)} reads
 * and discards through {@link #read(byte[], int, int)} instead of skipping the source, {@link #read()} goes
 * through it too, and mark/reset are refused because re-read bytes would be seen twice. A subclass
 * overrides {@link #read(byte[], int, int)} and sees every byte there.
 */
public abstract class ReadThroughInputStream extends FilterInputStream {
  protected ReadThroughInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported: re-read bytes would be seen twice");
  }
}

package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.remote.ProgressListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports bytes read to a {@link ProgressListener}; end of stream (after verification) is "done". */
final class ProgressInputStream extends FilterInputStream {
  private final Descriptor descriptor;
  private final ProgressListener listener;
  private long done;
  private boolean finished;

  ProgressInputStream(InputStream in, Descriptor descriptor, ProgressListener listener) {
    super(in);
    this.descriptor = descriptor;
    this.listener = listener;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      done += n;
      listener.onProgress(descriptor, done, descriptor.size());
    } else if (n < 0 && !finished) {
      finished = true;
      listener.onDone(descriptor);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping must pass through read() so the verifying stream below sees every byte.
    byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
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
}

package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.internal.ReadThroughInputStream;
import dev.berth.core.remote.ProgressListener;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reports bytes read to a {@link ProgressListener}; end of stream (after verification) is "done". Skips
 * read through, so the verifying stream below sees every byte.
 */
final class ProgressInputStream extends ReadThroughInputStream {
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
}

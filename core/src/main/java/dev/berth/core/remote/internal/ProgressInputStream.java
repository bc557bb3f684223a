package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.internal.ReadThroughInputStream;
import dev.berth.core.remote.TransferEvent;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reports bytes read to a {@link Progress}; end of stream (after verification) is "done". Skips
 * read through, so the verifying stream below sees every byte.
 */
final class ProgressInputStream extends ReadThroughInputStream {
  private final Descriptor descriptor;
  private final Progress progress;
  private long done;
  private boolean finished;

  ProgressInputStream(InputStream in, Descriptor descriptor, Progress progress) {
    super(in);
    this.descriptor = descriptor;
    this.progress = progress;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      done += n;
      progress.bytes(TransferEvent.Direction.DOWNLOAD, descriptor, done);
    } else if (n < 0 && !finished) {
      finished = true;
      progress.done(TransferEvent.Direction.DOWNLOAD, descriptor);
    }
    return n;
  }
}

package dev.berth.artifacts.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through and turns {@code close()} into {@code flush()}, so that a gzip or tar stream can
 * finish (which closes what it wraps) while the caller's stream stays open for the caller to close.
 */
public final class NonClosingOutputStream extends FilterOutputStream {
  /** Wraps {@code out}, which this stream never closes. */
  public NonClosingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len); // FilterOutputStream would write one byte at a time
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}

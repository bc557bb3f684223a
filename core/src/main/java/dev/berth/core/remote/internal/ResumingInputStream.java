package dev.berth.core.remote.internal;

import dev.berth.core.OciException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One logical stream of {@code length} bytes assembled from HTTP bodies: when a body breaks (an I/O error,
 * or an early end), it asks for the rest starting where it stopped ({@code Range: bytes=N-}) and goes on.
 * The caller's verifying stream sits outside this one, so every byte is hashed once whatever the number
 * of connections.
 */
final class ResumingInputStream extends InputStream {
  /** Opens the content from {@code offset} on; the stream yields exactly the bytes from there. */
  @FunctionalInterface
  interface Opener {
    InputStream open(long offset) throws IOException;
  }

  private final Opener opener;
  private final long length;
  private InputStream current;
  private long position;
  private int resumesLeft;

  ResumingInputStream(InputStream first, Opener opener, long length, int maxResumes) {
    this.current = first;
    this.opener = opener;
    this.length = length;
    this.resumesLeft = maxResumes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      IOException failure;
      try {
        int n = current.read(b, off, len);
        if (n > 0) {
          position += n;
          return n;
        }
        if (n < 0 && position >= length) {
          return -1;
        }
        // An early end, or a read of nothing (a broken stream: InputStream.read blocks until it has at
        // least one byte), is a body that will not go on: resume rather than spin on it.
        failure = new IOException(n == 0 ? "body read returned no bytes after " + position + " of " + length + " bytes"
            : "body ended after " + position + " of " + length + " bytes");
      } catch (IOException e) {
        failure = e;
      }
      resume(failure);
    }
  }

  private void resume(IOException failure) throws IOException {
    if (failure instanceof OciException && !(failure instanceof dev.berth.core.NetworkException) || resumesLeft <= 0 || !dev.berth.core.internal.Transience.isWorthRetrying(failure)) {
      throw failure;
    }
    resumesLeft--;
    closeQuietly(current);
    try {
      current = opener.open(position);
    } catch (IOException e) {
      e.addSuppressed(failure);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    current.close();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The connection is already broken; closing only releases it.
    }
  }
}

package dev.berth.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through unchanged while hashing them, so a blob's digest and size are known once it
 * has been read, without holding it in memory: {@link #digest()} and {@link #count()}.
 *
 * <p>Every byte read, including bytes discarded by {@link #skip(long)}, is hashed; mark and reset
 * are not supported because re-reading would hash bytes twice. Not thread-safe.
 */
public final class DigestingInputStream extends FilterInputStream {
  private final String algorithm;
  private final MessageDigest md;
  private long count;

  /** Hashes with sha256. */
  public DigestingInputStream(InputStream in) {
    this(in, Digest.SHA256);
  }

  /**
   * Hashes with {@code algorithm}, {@code sha256} or {@code sha512}.
   *
   * @throws UnsupportedOperationException for an algorithm berth cannot compute
   */
  public DigestingInputStream(InputStream in, String algorithm) {
    super(in);
    this.algorithm = algorithm;
    this.md = Digest.messageDigest(algorithm);
  }

  /** The algorithm this stream hashes with. */
  public String algorithm() {
    return algorithm;
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  /**
   * The digest of the bytes read so far. It may be asked for at any time, any number of times; typically
   * once at the end.
   */
  public Digest digest() {
    return Digest.snapshot(algorithm, md);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      md.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      md.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping the underlying stream would leave bytes out of the digest: read and discard instead.
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
    throw new IOException("mark/reset not supported: re-read bytes would be hashed twice");
  }

}

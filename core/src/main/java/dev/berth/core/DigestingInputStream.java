package dev.berth.core;

import dev.berth.core.internal.ReadThroughInputStream;
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
public final class DigestingInputStream extends ReadThroughInputStream {
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
}

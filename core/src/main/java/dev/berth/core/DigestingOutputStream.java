package dev.berth.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through to another stream (or nowhere) while hashing them, so content written once
 * has its digest and size at the end: {@link #digest()} and {@link #count()}. Not thread-safe.
 */
public final class DigestingOutputStream extends FilterOutputStream {
  private final String algorithm;
  private final MessageDigest md;
  private long count;

  /** Hashes with sha256 and writes through to {@code out}. */
  public DigestingOutputStream(OutputStream out) {
    this(out, Digest.SHA256);
  }

  /**
   * Hashes with {@code algorithm}, {@code sha256} or {@code sha512}, and writes through to {@code out}.
   *
   * @throws UnsupportedOperationException for an algorithm berth cannot compute
   */
  public DigestingOutputStream(OutputStream out, String algorithm) {
    super(out);
    this.algorithm = algorithm;
    this.md = Digest.messageDigest(algorithm);
  }

  /** A stream that only hashes, writing nowhere: for computing a digest of generated content. */
  public static DigestingOutputStream nullOutput(String algorithm) {
    return new DigestingOutputStream(OutputStream.nullOutputStream(), algorithm);
  }

  /** The algorithm this stream hashes with. */
  public String algorithm() {
    return algorithm;
  }

  /** Bytes written so far. */
  public long count() {
    return count;
  }

  /**
   * The digest of the bytes written so far. It may be asked for at any time, any number of times; typically
   * once at the end.
   */
  public Digest digest() {
    return Digest.snapshot(algorithm, md);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    md.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    // FilterOutputStream would write byte by byte; pass the whole range through instead.
    // Written first, hashed after: the digest covers exactly what reached the underlying stream.
    out.write(b, off, len);
    md.update(b, off, len);
    count += len;
  }
}

package dev.berth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads streams to their end into nothing, the way every client's pull ends in the benchmark. */
final class Drain {
  /** One buffer size for every client's copy loops, so none is slowed by a smaller one than the others. */
  static final int BUFFER = 256 * 1024;

  private Drain() {}

  /** Reads {@code in} to its end (which is where berth's verified streams check the digest). */
  static long discard(InputStream in) throws IOException {
    byte[] buf = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
    }
    return total;
  }

  /**
   * Reads {@code in} to its end while hashing, and fails unless the bytes are {@code expected}: for
   * clients whose streams are not verified by the client itself, so every pull in the table is a
   * verified pull.
   */
  static void verify(InputStream in, BlobRef expected) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      md.update(buf, 0, n);
      total += n;
    }
    String actual = "sha256:" + HexFormat.of().formatHex(md.digest());
    if (total != expected.size() || !actual.equals(expected.digest())) {
      throw new IOException("pulled " + total + " bytes with digest " + actual + ", expected " + expected.size()
          + " bytes with " + expected.digest());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}

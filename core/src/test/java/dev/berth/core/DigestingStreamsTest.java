package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestingStreamsTest {
  private static final byte[] CONTENT = randomBytes(100_003);

  @Test
  void inputStreamHashesEverythingReadInBulk() throws IOException {
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(CONTENT));
    assertArrayEquals(CONTENT, in.readAllBytes());
    assertEquals(Digest.sha256(CONTENT), in.digest());
    assertEquals(CONTENT.length, in.count());
    assertEquals("sha256", in.algorithm());
  }

  @Test
  void inputStreamHashesByteAtATimeReads() throws IOException {
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(CONTENT), Digest.SHA512);
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      copy.write(b);
    }
    assertArrayEquals(CONTENT, copy.toByteArray());
    assertEquals(Digest.compute(Digest.SHA512, CONTENT, 0, CONTENT.length), in.digest());
    assertEquals(CONTENT.length, in.count());
  }

  @Test
  void inputStreamHashesSkippedBytes() throws IOException {
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(CONTENT));
    assertEquals(50_000, in.skip(50_000));
    in.readAllBytes();
    assertEquals(Digest.sha256(CONTENT), in.digest());
    assertEquals(0, in.skip(10));
    assertFalse(in.markSupported());
    assertThrows(IOException.class, in::reset);
  }

  @Test
  void digestMayBeAskedMidStreamAndAgainAtTheEnd() throws IOException {
    DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(CONTENT));
    in.readNBytes(10);
    assertEquals(Digest.compute(Digest.SHA256, CONTENT, 0, 10), in.digest());
    assertEquals(Digest.compute(Digest.SHA256, CONTENT, 0, 10), in.digest());
    in.transferTo(OutputStream.nullOutputStream());
    assertEquals(Digest.sha256(CONTENT), in.digest());
  }

  @Test
  void emptyStreamHasTheEmptyDigest() throws IOException {
    DigestingInputStream in = new DigestingInputStream(InputStream.nullInputStream());
    assertEquals(-1, in.read());
    assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", in.digest().toString());
    assertEquals(0, in.count());
  }

  @Test
  void outputStreamWritesThroughAndHashes() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (DigestingOutputStream out = new DigestingOutputStream(sink)) {
      out.write(CONTENT, 0, 7);
      out.write(CONTENT[7]);
      out.write(CONTENT, 8, CONTENT.length - 8);
      assertEquals(CONTENT.length, out.count());
      assertEquals(Digest.sha256(CONTENT), out.digest());
    }
    assertArrayEquals(CONTENT, sink.toByteArray());
  }

  @Test
  void nullOutputOnlyHashes() throws IOException {
    DigestingOutputStream out = DigestingOutputStream.nullOutput(Digest.SHA512);
    out.write(CONTENT);
    assertEquals(Digest.compute(Digest.SHA512, CONTENT, 0, CONTENT.length), out.digest());
    assertEquals("sha512", out.algorithm());
  }

  @Test
  void failedWriteIsNotCounted() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("disk full");
      }
    };
    DigestingOutputStream out = new DigestingOutputStream(broken);
    assertThrows(IOException.class, () -> out.write(CONTENT));
    assertEquals(0, out.count());
    assertEquals(Digest.sha256(new byte[0]), out.digest());
  }

  @Test
  void unknownAlgorithmIsRefusedUpFront() {
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> new DigestingInputStream(InputStream.nullInputStream(), "blake3"));
    assertEquals(true, e.getMessage().contains("blake3"));
    assertThrows(UnsupportedOperationException.class, () -> DigestingOutputStream.nullOutput("md5"));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }
}

package dev.berth.core.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.SizeMismatchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifiedInputStreamTest {
  private static final byte[] CONTENT = randomBytes(20_011);
  private static final Descriptor DESC = Descriptor.of("application/octet-stream", CONTENT);

  @Test
  void exactContentReadsAndVerifies() throws IOException {
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(CONTENT), DESC);
    assertArrayEquals(CONTENT, in.readAllBytes());
    assertTrue(in.verified());
    assertEquals(CONTENT.length, in.bytesRead());
    assertEquals(-1, in.read());
  }

  @Test
  void byteAtATimeReadsVerify() throws IOException {
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(CONTENT), DESC);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      out.write(b);
    }
    assertArrayEquals(CONTENT, out.toByteArray());
    assertTrue(in.verified());
  }

  @Test
  void trickleSourceOneByteAtATimeVerifies() throws IOException {
    InputStream trickle = new ByteArrayInputStream(CONTENT) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    VerifiedInputStream in = new VerifiedInputStream(trickle, DESC);
    assertArrayEquals(CONTENT, in.readAllBytes());
    assertTrue(in.verified());
  }

  @Test
  void shortContentIsASizeMismatch() {
    byte[] shorter = Arrays.copyOf(CONTENT, CONTENT.length - 1);
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(shorter), DESC);
    SizeMismatchException e = assertThrows(SizeMismatchException.class, in::readAllBytes);
    assertEquals(CONTENT.length - 1, e.actualSize());
    assertFalse(in.verified());
  }

  @Test
  void longContentIsASizeMismatchAndYieldsNoMoreThanTheSize() throws IOException {
    byte[] longer = Arrays.copyOf(CONTENT, CONTENT.length + 5);
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(longer), DESC);
    byte[] got = in.readNBytes(CONTENT.length);
    assertArrayEquals(CONTENT, got);
    SizeMismatchException e = assertThrows(SizeMismatchException.class, in::read);
    assertEquals(-1, e.actualSize());
    assertFalse(in.verified());
    VerifiedInputStream bulk = new VerifiedInputStream(new ByteArrayInputStream(longer), DESC);
    assertThrows(SizeMismatchException.class, bulk::readAllBytes);
  }

  @Test
  void aDigestMismatchIsReportedTheSameWayOnEveryLaterRead() throws IOException {
    byte[] flipped = CONTENT.clone();
    flipped[0] ^= 0x01;
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(flipped), DESC);
    in.readNBytes(CONTENT.length);
    DigestMismatchException first = assertThrows(DigestMismatchException.class, in::read);
    DigestMismatchException again = assertThrows(DigestMismatchException.class, in::read);
    assertEquals(Digest.sha256(flipped), first.actual());
    assertEquals(first.actual(), again.actual());
  }

  @Test
  void wrongBytesOfTheRightSizeAreADigestMismatch() {
    byte[] flipped = CONTENT.clone();
    flipped[flipped.length / 2] ^= 0x01;
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(flipped), DESC);
    DigestMismatchException e = assertThrows(DigestMismatchException.class, in::readAllBytes);
    assertEquals(Digest.sha256(flipped), e.actual());
    assertEquals(DESC, e.expected());
    assertFalse(in.verified());
  }

  @Test
  void emptyContentVerifies() throws IOException {
    Descriptor empty = Descriptor.of("application/octet-stream", new byte[0]);
    VerifiedInputStream in = new VerifiedInputStream(InputStream.nullInputStream(), empty);
    assertEquals(-1, in.read());
    assertTrue(in.verified());
  }

  @Test
  void sha512DescriptorVerifies() throws IOException {
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(Digest.SHA512, CONTENT, 0, CONTENT.length),
        CONTENT.length);
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(CONTENT), d);
    in.transferTo(java.io.OutputStream.nullOutputStream());
    assertTrue(in.verified());
  }

  @Test
  void unverifiableAlgorithmIsCheckedForSizeOnly() throws IOException {
    Descriptor d = Descriptor.of("application/octet-stream", Digest.parse("blake3:" + "a".repeat(64)), CONTENT.length);
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(CONTENT), d);
    in.readAllBytes();
    assertTrue(in.verified());
    VerifiedInputStream shorter = new VerifiedInputStream(new ByteArrayInputStream(CONTENT, 0, 10), d);
    assertThrows(SizeMismatchException.class, shorter::readAllBytes);
  }

  @Test
  void skipStillHashesTheSkippedBytes() throws IOException {
    byte[] flipped = CONTENT.clone();
    flipped[5] ^= 0x01;
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(flipped), DESC);
    assertEquals(100, in.skip(100));
    assertThrows(DigestMismatchException.class, in::readAllBytes);
  }

  @Test
  void readerThatStopsEarlyGetsNoVerdict() throws IOException {
    VerifiedInputStream in = new VerifiedInputStream(new ByteArrayInputStream(CONTENT), DESC);
    in.readNBytes(10);
    assertFalse(in.verified());
    assertEquals(10, in.bytesRead());
    assertTrue(in.available() <= CONTENT.length - 10);
    assertEquals(0, in.read(new byte[4], 0, 0));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(7).nextBytes(b);
    return b;
  }
}

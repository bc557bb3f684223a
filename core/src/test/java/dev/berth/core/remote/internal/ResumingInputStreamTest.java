package dev.berth.core.remote.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumingInputStreamTest {
  private final byte[] content = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** A broken body: a few bytes, then reads that return 0 forever (InputStream's contract says they block). */
  private static InputStream zeroesForeverAfter(byte[] first) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos < first.length) {
          int n = Math.min(len, first.length - pos);
          System.arraycopy(first, pos, b, off, n);
          pos += n;
          return n;
        }
        return 0;
      }
    };
  }

  @Test
  void aBodyThatReadsNothingIsResumedNotSpunOn() {
    List<Long> resumedAt = new ArrayList<>();
    ResumingInputStream in = new ResumingInputStream(zeroesForeverAfter(Arrays.copyOf(content, 4)), offset -> {
      resumedAt.add(offset);
      return new ByteArrayInputStream(Arrays.copyOfRange(content, (int) offset, content.length));
    }, content.length, 3);

    // A guard against the old infinite loop, not a timing assertion.
    byte[] got = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> in.readAllBytes());

    assertArrayEquals(content, got);
    assertEquals(List.of(4L), resumedAt);
  }

  @Test
  void aBodyThatKeepsReadingNothingEndsOnceTheResumesAreSpent() {
    ResumingInputStream in = new ResumingInputStream(zeroesForeverAfter(new byte[0]),
        offset -> zeroesForeverAfter(new byte[0]), content.length, 2);

    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(IOException.class, in::readAllBytes));

    assertEquals("body read returned no bytes after 0 of 10 bytes", e.getMessage());
  }
}

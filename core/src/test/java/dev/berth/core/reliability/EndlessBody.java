package dev.berth.core.reliability;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A response body that never ends (until the client hangs up, or a safety cap so that a client reading
 * without bound fails the test instead of hanging it), counting what it sent.
 */
final class EndlessBody implements MockResponseBody {
  /** Far beyond every limit under test, and still quick to stream over loopback. */
  static final long SAFETY_CAP = 512L << 20;

  private final byte[] prefix;
  private final byte[] unit;
  private final AtomicLong sent = new AtomicLong();

  EndlessBody(String fill) {
    this("", fill);
  }

  /** {@code prefix}, then {@code fill} repeated without end. */
  EndlessBody(String prefix, String fill) {
    this.prefix = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] pattern = fill.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    unit = new byte[64 * 1024 - (64 * 1024) % pattern.length];
    for (int i = 0; i < unit.length; i += pattern.length) {
      System.arraycopy(pattern, 0, unit, i, pattern.length);
    }
  }

  /** Bytes written to the socket so far. */
  long sent() {
    return sent.get();
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(prefix);
    while (sent.get() < SAFETY_CAP) {
      sink.write(unit);
      sink.flush();
      sent.addAndGet(unit.length);
    }
  }
}

package dev.berth.auth.fuzz;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A response body that never ends (until the client hangs up, or a safety cap so that a client that
 * reads without bound fails the test instead of hanging it), counting what it sent.
 */
final class EndlessBody implements MockResponseBody {
  /** Far beyond every limit under test, and still quick to stream over loopback. */
  static final long SAFETY_CAP = 512L << 20;

  private final byte[] unit;
  private final AtomicLong sent = new AtomicLong();

  EndlessBody(byte fill) {
    this.unit = new byte[64 * 1024];
    Arrays.fill(unit, fill);
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
    while (sent.get() < SAFETY_CAP) {
      sink.write(unit);
      sink.flush();
      sent.addAndGet(unit.length);
    }
  }
}

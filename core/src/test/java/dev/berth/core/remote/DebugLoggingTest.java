package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * berth's debug lines go through System.Logger (java.util.logging by default): silent at the default
 * level, and when an embedder turns them on, retries say why, with no query string (it may carry upload
 * state or a signature).
 */
class DebugLoggingTest {
  private static final String RETRIES = "dev.berth.core.remote.internal.RetryInterceptor";
  private final MockRegistry registry;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      lines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger jul = Logger.getLogger(RETRIES);

  DebugLoggingTest() throws IOException {
    registry = new MockRegistry();
    jul.addHandler(capture);
  }

  @AfterEach
  void close() {
    jul.removeHandler(capture);
    jul.setLevel(null);
    registry.close();
  }

  @Test
  void retriesAreSilentByDefault() throws Exception {
    registry.enqueue(503);
    registry.enqueueBody(200, "{\"name\":\"team/app\",\"tags\":[\"v1\"]}", "Content-Type", "application/json");

    registry.repository().tags();

    assertTrue(lines.isEmpty(), lines.toString());
  }

  @Test
  void aRetryIsLoggedWithItsReasonWhenDebugIsOn() throws Exception {
    jul.setLevel(Level.FINE);
    registry.enqueue(503);
    registry.enqueueBody(200, "{\"name\":\"team/app\",\"tags\":[\"v1\"]}", "Content-Type", "application/json");

    registry.repository().tags();

    assertTrue(lines.stream().anyMatch(l -> l.contains("retrying GET") && l.contains("HTTP 503")), lines.toString());
    assertFalse(lines.stream().anyMatch(l -> l.contains("?")), "no query string: " + lines);
  }
}

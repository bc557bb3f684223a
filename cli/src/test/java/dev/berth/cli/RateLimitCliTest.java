package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GitHub's 403 "secondary rate limit" is retried within the caps and reported as rate limiting. */
class RateLimitCliTest {
  private final MockWebServer server = new MockWebServer();

  RateLimitCliTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // Retry-After: 0 keeps the test free of real waits; the message is GitHub's.
        return new MockResponse.Builder().code(403).addHeader("Retry-After", "0")
            .addHeader("Content-Type", "application/json")
            .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you"
                + " try again.\"}")
            .build();
      }
    });
    server.start();
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void aSecondaryRateLimitIsRetriedThenReportedAsRateLimitingWithoutALoginHint() {
    String ref = server.getHostName() + ":" + server.getPort() + "/team/app:v1";

    CliRun r = CliRun.run("--plain-http", "manifest", "get", ref);

    assertEquals(ExitCodes.NETWORK, r.exit(), r.err());
    assertTrue(r.err().contains("rate limited by"), r.err());
    assertFalse(r.err().contains("denied"), r.err());
    assertFalse(r.err().contains("login"), r.err());
    assertEquals(5, server.getRequestCount(), "the default policy's five attempts, then the answer");
  }
}

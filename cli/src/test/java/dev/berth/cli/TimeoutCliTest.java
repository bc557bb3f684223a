package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --timeout} bounds a whole command against a registry that drips its answers a byte at a time. */
class TimeoutCliTest {
  private final MockWebServer server = new MockWebServer();

  TimeoutCliTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // A 400-byte manifest at a byte per 50 ms: 20 s, never silent long enough for a read timeout.
        return new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
            .body("{\"schemaVersion\":2,\"pad\":\"" + "x".repeat(370) + "\"}")
            .throttleBody(1, 50, TimeUnit.MILLISECONDS).build();
      }
    });
    server.start();
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void aDrippingRegistryIsCutOffAtTheTimeout() {
    String ref = server.getHostName() + ":" + server.getPort() + "/team/app:v1";

    CliRun r = CliRun.run("--plain-http", "--timeout", "1s", "manifest", "get", ref);

    assertEquals(ExitCodes.NETWORK, r.exit(), r.err());
    assertTrue(r.err().contains("deadline"), r.err());
    assertTrue(r.err().contains("--timeout"), r.err());
  }

  @Test
  void aTimeoutThatIsNotADurationIsAUsageError() {
    CliRun r = CliRun.run("--plain-http", "--timeout", "soon", "tags",
        server.getHostName() + ":" + server.getPort() + "/team/app");

    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("--timeout soon"), r.err());
  }
}

package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential store is read only when a registry challenges (issue 20): a failure whose registry
 * never asked for credentials must not read it to word a hint, and a store that cannot be read (a FIFO
 * for config.json) fails a challenged command with its name, without blocking.
 */
class CredentialsWhenAskedTest {
  private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path fifo() throws Exception {
    Path fifo = dir.resolve("config.json");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
    return fifo;
  }

  private String host() {
    return server.getHostName() + ":" + server.getPort();
  }

  @Test
  void aNotFoundFromARegistryThatNeverChallengedDoesNotReadTheStore() throws Exception {
    Path config = fifo();
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(404).build());
    }
    CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.run("resolve", "--plain-http",
        "--registry-config", config.toString(), host() + "/repo:missing"));
    assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.err());
  }

  @Test
  void aStoreThatIsAFifoFailsAChallengedCommandByName() throws Exception {
    Path config = fifo();
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(401)
          .setHeader("WWW-Authenticate", "Basic realm=\"test\"").build());
    }
    CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.run("resolve", "--plain-http",
        "--registry-config", config.toString(), host() + "/repo:v1"));
    assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains(config.toString()) && r.err().contains("not a regular file"), r.err());
  }
}

package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.DeadlineExceededException;
import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No wait is unbounded: a server that drips its body a byte at a time (never silent long enough for the
 * read timeout, the stall bound) is cut off at the client's deadline, and resumes do not start a fresh
 * one. The bounds are small so the test is short; elapsed time is not asserted, request counts are.
 */
class DeadlineTest {
  private final MockRegistry registry;
  private final byte[] content = new byte[200];
  private final Descriptor blob;
  private final AtomicInteger requests = new AtomicInteger();

  DeadlineTest() throws IOException {
    registry = new MockRegistry();
    Arrays.fill(content, (byte) 7);
    blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private Repository repository(Duration deadline, int maxResumes) {
    return registry.clientBuilder()
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)) // the stall bound: never reached by a drip
        .deadline(Instant.now().plus(deadline))
        .maxResumes(maxResumes)
        .build().repository(registry.host() + "/team/app");
  }

  @Test
  void aBodyDrippedAByteAtATimeIsCutOffAtTheDeadline() {
    // 200 bytes at one per 100 ms would take 20 s; each read makes progress well within the 5 s stall bound.
    registry.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(content))
        .throttleBody(1, 100, TimeUnit.MILLISECONDS).build());
    Repository repo = repository(Duration.ofMillis(800), 0);

    DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> {
      try (InputStream in = repo.fetch(blob)) {
        in.readAllBytes();
      }
    });

    assertTrue(e.getMessage().contains("GET "), e.getMessage());
  }

  @Test
  void resumesDoNotRestartTheDeadline() {
    // Every answer drips 3 bytes and breaks: a download that resumes 1000 times without a whole deadline.
    registry.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int n = requests.incrementAndGet();
        long from = 3L * (n - 1);
        return new MockResponse.Builder().code(n == 1 ? 200 : 206)
            .body(new Buffer().write(Arrays.copyOfRange(content, (int) from, (int) from + 3)))
            .setHeader("Content-Length", content.length - from)
            .setHeader("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length)
            .throttleBody(1, 100, TimeUnit.MILLISECONDS)
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
      }
    });
    Repository repo = repository(Duration.ofMillis(1500), 1000);

    assertThrows(DeadlineExceededException.class, () -> {
      try (InputStream in = repo.fetch(blob)) {
        in.readAllBytes();
      }
    });

    assertTrue(requests.get() < 66, "the download stopped at the deadline, not after 66 resumes: " + requests.get());
  }

  @Test
  void aRequestAfterTheDeadlineIsNotSent() throws Exception {
    Repository repo = repository(Duration.ofMillis(-1), 0);

    assertThrows(DeadlineExceededException.class, () -> repo.resolve("v1"));

    assertEquals(0, registry.server.getRequestCount());
  }
}

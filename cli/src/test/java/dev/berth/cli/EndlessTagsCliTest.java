package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth tags} against a registry whose tag list never ends: the tags are printed as pages arrive,
 * and the listing ends at the client's total cap with a size-limit error instead of growing until the
 * JVM runs out of memory (5.9 GB and an OutOfMemoryError before).
 */
class EndlessTagsCliTest {
  private static final int PER_PAGE = 10_000;
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger pages = new AtomicInteger();

  EndlessTagsCliTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int page = pages.incrementAndGet();
        StringBuilder body = new StringBuilder("{\"name\":\"team/app\",\"tags\":[");
        for (int i = 0; i < PER_PAGE; i++) {
          body.append(i == 0 ? "" : ",").append("\"t").append(page).append('-').append(i).append('"');
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .addHeader("Link", "</v2/team/app/tags/list?n=" + PER_PAGE + "&last=t" + page + ">; rel=\"next\"")
            .body(body.append("]}").toString()).build();
      }
    });
    server.start();
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void tagsArePrintedAsTheyArriveAndAnEndlessListEndsAtTheCap() {
    CliRun r = CliRun.run("--plain-http", "tags", server.getHostName() + ":" + server.getPort() + "/team/app");

    assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains("exceeds the limit of " + RegistryClient.DEFAULT_MAX_LIST_ENTRIES + " entries"),
        r.err());
    assertTrue(r.out().startsWith("t1-0\n"), r.out().substring(0, 40));
    long lines = r.out().chars().filter(c -> c == '\n').count();
    assertEquals(RegistryClient.DEFAULT_MAX_LIST_ENTRIES, lines, "every page within the cap was printed");
    assertEquals(RegistryClient.DEFAULT_MAX_LIST_ENTRIES / PER_PAGE + 1, pages.get());
  }
}

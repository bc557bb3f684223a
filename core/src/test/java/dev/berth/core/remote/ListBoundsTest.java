package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.MediaTypes;
import dev.berth.core.SizeLimitExceededException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry whose {@code Link} pages never end (every page links to a fresh one) cannot make a listing
 * unbounded: the client's total caps on entries and bytes end it, and a streaming caller can stop early.
 */
class ListBoundsTest {
  private static final int PER_PAGE = 1000;
  private final MockRegistry registry;
  private final AtomicInteger pages = new AtomicInteger();
  private final Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(new byte[] {1}), 2);

  ListBoundsTest() throws IOException {
    registry = new MockRegistry();
    registry.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int page = pages.incrementAndGet();
        String path = request.getUrl().encodedPath();
        String next = "<" + path + "?n=" + PER_PAGE + "&last=p" + page + ">; rel=\"next\"";
        String body;
        String type = "application/json";
        if (path.contains("/referrers/")) {
          StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
              + "\",\"manifests\":[");
          for (int i = 0; i < PER_PAGE; i++) {
            Digest d = Digest.sha256(("r" + page + "-" + i).getBytes(StandardCharsets.UTF_8));
            b.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST)
                .append("\",\"digest\":\"").append(d).append("\",\"size\":10}");
          }
          body = b.append("]}").toString();
          type = MediaTypes.OCI_INDEX;
        } else {
          String field = path.endsWith("/_catalog") ? "repositories" : "tags";
          StringBuilder b = new StringBuilder("{\"name\":\"team/app\",\"" + field + "\":[");
          for (int i = 0; i < PER_PAGE; i++) {
            b.append(i == 0 ? "" : ",").append("\"p").append(page).append('-').append(i).append('"');
          }
          body = b.append("]}").toString();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", type).addHeader("Link", next)
            .body(body).build();
      }
    });
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private RegistryClient client(long maxEntries, long maxBytes) {
    return registry.clientBuilder().maxListEntries(maxEntries).maxListBytes(maxBytes).build();
  }

  @Test
  void anEndlessTagListEndsAtTheEntryCapWithASizeLimitError() {
    Repository repo = client(2500, Long.MAX_VALUE).repository(registry.host() + "/team/app");

    SizeLimitExceededException e = assertThrows(SizeLimitExceededException.class, repo::tags);

    assertEquals(2500, e.limit());
    assertTrue(e.getMessage().contains("tag list of " + registry.host() + "/team/app exceeds the limit of 2500 entries"),
        e.getMessage());
    assertEquals(3, pages.get());
  }

  @Test
  void anEndlessTagListEndsAtTheByteCapToo() {
    Repository repo = client(Long.MAX_VALUE, 40_000).repository(registry.host() + "/team/app");

    SizeLimitExceededException e = assertThrows(SizeLimitExceededException.class, repo::tags);

    assertTrue(e.getMessage().contains("exceeds the limit of 40000 bytes"), e.getMessage());
    assertTrue(pages.get() <= 5, pages.get() + " pages of about 10 KB each");
  }

  @Test
  void streamingDeliversPageByPageAndStopsWhenAsked() throws IOException {
    Repository repo = client(Long.MAX_VALUE, Long.MAX_VALUE).repository(registry.host() + "/team/app");
    List<Integer> sizes = new ArrayList<>();

    repo.tags(page -> {
      sizes.add(page.size());
      return sizes.size() < 2;
    });

    assertEquals(List.of(PER_PAGE, PER_PAGE), sizes);
    assertEquals(2, pages.get(), "no page is fetched after the consumer said stop");
  }

  @Test
  void streamingIsHeldToTheSameTotalCap() {
    Repository repo = client(2500, Long.MAX_VALUE).repository(registry.host() + "/team/app");
    int[] delivered = {0};

    assertThrows(SizeLimitExceededException.class, () -> repo.tags(page -> {
      delivered[0] += page.size();
      return true;
    }));

    assertEquals(2000, delivered[0], "the page over the cap is not handed on");
  }

  @Test
  void anEndlessCatalogEndsAtTheEntryCap() {
    Registry r = client(1500, Long.MAX_VALUE).registry(registry.host());

    SizeLimitExceededException e = assertThrows(SizeLimitExceededException.class, r::catalog);

    assertTrue(e.getMessage().contains("catalog of " + registry.host()), e.getMessage());
    assertEquals(2, pages.get());
  }

  @Test
  void anEndlessReferrersListEndsAtTheEntryCapAndStreamsStoppably() throws IOException {
    Repository repo = client(1500, Long.MAX_VALUE).repository(registry.host() + "/team/app");

    SizeLimitExceededException e = assertThrows(SizeLimitExceededException.class,
        () -> repo.referrers(subject, null));
    assertTrue(e.getMessage().contains("referrers of " + subject.digest()), e.getMessage());
    assertEquals(2, pages.get());

    pages.set(0);
    int[] seen = {0};
    repo.referrers(subject, null, page -> {
      seen[0] += page.size();
      return false;
    });
    assertEquals(PER_PAGE, seen[0]);
    assertEquals(1, pages.get());
  }
}

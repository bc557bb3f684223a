package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.OciException;
import java.io.IOException;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TagListTest {
  private final MockRegistry registry;

  TagListTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void tagsFollowRelativeLinkPaginationToTheEnd() throws Exception {
    registry.enqueueBody(200, "{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}",
        "Link", "</v2/team/app/tags/list?last=b&n=2>; rel=\"next\"");
    registry.enqueueBody(200, "{\"name\":\"team/app\",\"tags\":[\"c\"]}");

    List<String> tags = registry.repository().tags(2);

    assertEquals(List.of("a", "b", "c"), tags);
    RecordedRequest first = registry.take("GET", "/v2/team/app/tags/list");
    assertEquals("2", first.getUrl().queryParameter("n"));
    RecordedRequest second = registry.take("GET", "/v2/team/app/tags/list");
    assertEquals("b", second.getUrl().queryParameter("last"));
  }

  @Test
  void aRepositoryWithoutTagsListsNone() throws Exception {
    registry.enqueueBody(200, "{\"name\":\"team/app\",\"tags\":null}");

    assertEquals(List.of(), registry.repository().tags());
  }

  @Test
  void aLinkBackToAPageAlreadyReadStopsPagination() throws Exception {
    registry.enqueueBody(200, "{\"tags\":[\"a\"]}", "Link", "</v2/team/app/tags/list?last=a>; rel=\"next\"");
    registry.enqueueBody(200, "{\"tags\":[\"b\"]}", "Link", "</v2/team/app/tags/list?last=a>; rel=\"next\"");

    OciException e = assertThrows(OciException.class, () -> registry.repository().tags());

    assertTrue(e.getMessage().contains("already read"), e.getMessage());
  }

  @Test
  void aLinkToAnotherHostIsRefused() throws Exception {
    registry.enqueueBody(200, "{\"tags\":[\"a\"]}", "Link", "<http://elsewhere.example/v2/x/tags/list>; rel=\"next\"");

    assertThrows(OciException.class, () -> registry.repository().tags());
    registry.take("GET", "/v2/team/app/tags/list");
    registry.assertNoMoreRequests();
  }

  @Test
  void catalogPagesLikeTags() throws Exception {
    registry.enqueueBody(200, "{\"repositories\":[\"a/b\"]}", "Link", "</v2/_catalog?last=a%2Fb&n=1>; rel=\"next\"");
    registry.enqueueBody(200, "{\"repositories\":[\"c/d\"]}");

    List<String> repos = registry.clientBuilder().build().registry(registry.host()).catalog(1);

    assertEquals(List.of("a/b", "c/d"), repos);
  }
}

package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.OciException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class LinkPagesTest {
  private static final HttpUrl FIRST = HttpUrl.get("https://r.example/v2/a/tags/list?n=2");

  private static Response withLink(HttpUrl url, String link) {
    Response.Builder b = new Response.Builder().request(new Request.Builder().url(url).build())
        .protocol(Protocol.HTTP_1_1).code(200).message("OK");
    return (link == null ? b : b.header("Link", link)).build();
  }

  @Test
  void findsRelNextAmongSeveralLinksAndQuotedCommas() {
    assertEquals("/v2/a/tags/list?n=2&last=b", LinkPages.next(List.of("</v2/a/tags/list?n=2&last=b>; rel=\"next\"")));
    assertEquals("/next", LinkPages.next(List.of("</prev>; rel=\"prev\"; title=\"a, b\", </next>; rel=next")));
    assertEquals("/n", LinkPages.next(List.of("</x>; rel=\"first\"", "</n>; rel=\"prev next\"")));
    assertEquals("/b", LinkPages.next(List.of("</b>; title=\"x\"; rel=\"prev NEXT\"")), "relation types ignore case");
    assertNull(LinkPages.next(List.of("</prev>; rel=\"prev\"")));
    assertNull(LinkPages.next(List.of("garbage", "<unclosed; rel=next")));
    assertNull(LinkPages.next(List.of()));
  }

  @Test
  void readsGitHubsFormWithItsOtherRelations() {
    String h = "<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\"";
    assertEquals("https://api.github.com/x?page=2", LinkPages.next(List.of(h)));
    assertNull(LinkPages.next(List.of("<https://api.github.com/x?page=5>; rel=\"last\"")));
  }

  @Test
  void theNextPageIsResolvedAgainstTheCurrentOneAndStaysOnItsOrigin() throws Exception {
    assertEquals(HttpUrl.get("https://r.example/v2/a/tags/list?n=2&last=b"),
        LinkPages.nextPage(withLink(FIRST, "</v2/a/tags/list?n=2&last=b>; rel=\"next\""), FIRST, "tags"));
    assertNull(LinkPages.nextPage(withLink(FIRST, null), FIRST, "tags"));
    for (String elsewhere : new String[] {"<https://evil.example/v2/a/tags/list>; rel=next",
        "<http://r.example/v2/a/tags/list>; rel=next", "<https://r.example:444/v2/a/tags/list>; rel=next"}) {
      OciException e = assertThrows(OciException.class,
          () -> LinkPages.nextPage(withLink(FIRST, elsewhere), FIRST, "tags"), elsewhere);
      assertTrue(e.getMessage().contains("another origin"), e.getMessage());
    }
  }

  @Test
  void followReadsEveryPageInOrderUntilThereIsNoNext() throws Exception {
    List<HttpUrl> read = new ArrayList<>();
    LinkPages.follow(FIRST, 10, "tags", url -> {
      read.add(url);
      return read.size() < 3 ? url.newBuilder().setQueryParameter("last", "p" + read.size()).build() : null;
    });
    assertEquals(3, read.size());
    assertEquals(FIRST, read.get(0));
  }

  @Test
  void aLinkBackToAPageAlreadyReadStops() {
    List<HttpUrl> read = new ArrayList<>();
    OciException e = assertThrows(OciException.class, () -> LinkPages.follow(FIRST, 10, "tags", url -> {
      read.add(url);
      return FIRST;
    }));
    assertTrue(e.getMessage().contains("already read"), e.getMessage());
    assertEquals(1, read.size());
  }

  @Test
  void endlessFreshPagesStopAtTheCap() {
    List<HttpUrl> read = new ArrayList<>();
    OciException e = assertThrows(OciException.class, () -> LinkPages.follow(FIRST, 5, "tags", url -> {
      read.add(url);
      return url.newBuilder().setQueryParameter("last", "p" + read.size()).build();
    }));
    assertTrue(e.getMessage().contains("more than 5 pages"), e.getMessage());
    assertEquals(5, read.size());
  }
}

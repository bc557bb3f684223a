package dev.berth.artifacts.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.artifacts.github.internal.LinkHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void findsRelationAmongSeveral() {
    String h = "<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\"";
    assertEquals("https://api.github.com/x?page=2", LinkHeader.find(List.of(h), "next"));
    assertEquals("https://api.github.com/x?page=5", LinkHeader.find(List.of(h), "last"));
    assertNull(LinkHeader.find(List.of(h), "prev"));
  }

  @Test
  void acceptsUnquotedAndMultiValuedRel() {
    assertEquals("/a", LinkHeader.find(List.of("</a>; rel=next"), "next"));
    assertEquals("/b", LinkHeader.find(List.of("</b>; title=\"x\"; rel=\"prev next\""), "next"));
  }

  @Test
  void noHeaderNoLink() {
    assertNull(LinkHeader.find(List.of(), "next"));
  }
}

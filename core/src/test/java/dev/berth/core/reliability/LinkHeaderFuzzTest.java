package dev.berth.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.remote.LinkPages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code Link} header parser that pagination rests on (registry tags, catalog, referrers, and GitHub's
 * packages API) reads what any server sends: it must take every string without throwing, find a
 * well-formed next link wherever it is, read GitHub's own form exactly, and run in time linear in the
 * header.
 */
class LinkHeaderFuzzTest {
  /**
   * A bound a linear parse of the input meets many times over even on a loaded, shared 2-core machine,
   * and a quadratic one (about 10^12 steps for a megabyte) never does: what is tested is the shape of
   * the cost, not a speed.
   */
  private static final Duration LINEAR_TIME_BOUND = Duration.ofSeconds(30);


  @Property(tries = 2000)
  void anyHeaderValuesParseWithoutThrowing(@ForAll @Size(max = 3) List<String> values) {
    String next = LinkPages.next(values);
    assertTrue(next == null || values.stream().anyMatch(v -> v.contains(next)));
  }

  @Property(tries = 3000)
  void stringsOfLinkSyntaxParseWithoutThrowing(@ForAll("linkSoup") String value) {
    String next = LinkPages.next(List.of(value));
    assertTrue(next == null || value.contains(next));
  }

  @Property(tries = 1000)
  void theNextLinkIsFoundAmongOthersWhateverItsPosition(@ForAll("otherTargets") List<String> others,
      @ForAll("targets") String target, @ForAll("positions") int position) {
    List<String> rendered = new ArrayList<>();
    String[] rels = {"prev", "last", "first", "self", "nextish", "alternate"};
    for (int i = 0; i < others.size(); i++) {
      rendered.add("<" + others.get(i) + ">; rel=\"" + rels[i % rels.length] + "\"");
    }
    rendered.add(Math.min(position, rendered.size()), "<" + target + ">; title=\"a, b; c\"; rel=\"next\"");
    assertEquals(target, LinkPages.next(List.of(String.join(", ", rendered))));
  }

  /** GitHub writes {@code <URL>; rel="next", <URL>; rel="last"} with any subset of four relations. */
  @Property(tries = 500)
  void gitHubsOwnFormIsReadExactly(@ForAll("gitHubPages") List<Integer> pages) {
    List<String> rels = List.of("prev", "next", "last", "first");
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      parts.add("<https://api.github.com/user/packages/container/x/versions?per_page=100&page=" + pages.get(i)
          + ">; rel=\"" + rels.get(i) + "\"");
    }
    String header = String.join(", ", parts);
    String expected = pages.size() > 1
        ? "https://api.github.com/user/packages/container/x/versions?per_page=100&page=" + pages.get(1) : null;
    assertEquals(expected, LinkPages.next(List.of(header)), header);
  }

  @Provide
  Arbitrary<List<Integer>> gitHubPages() {
    return Arbitraries.integers().between(1, 99999).list().ofMinSize(0).ofMaxSize(4);
  }

  @ParameterizedTest(name = "{0} x 2^20")
  @ValueSource(strings = {"<", ">", "<a", "<a>", "<a>;", "<a>; rel=", "\"", ",", ";", "<a>; rel=\"x", "; rel=next",
      "<a>;rel=\"next\"", " ", "<a> ", ";rel", "; "})
  void aMegabyteHeaderOfAnyShapeParsesInLinearTime(String unit) {
    String header = unit.repeat((1 << 20) / unit.length());
    assertTimeoutPreemptively(LINEAR_TIME_BOUND, () -> LinkPages.next(List.of(header)));
  }

  @Provide
  Arbitrary<String> linkSoup() {
    return Arbitraries.of("<", ">", "</v2/a/tags/list?n=1&last=x>", ";", ",", "rel", "=", "\"", "next", " ", "prev",
        "title", "\t", "\\", "next prev", "REL").list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<String>> otherTargets() {
    return uriReferences().list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> targets() {
    return uriReferences();
  }

  /** Paths with queries in the characters URIs allow (no spaces, quotes or angle brackets). */
  private static Arbitrary<String> uriReferences() {
    return Arbitraries.of("a", "b", "x", "/", "?", "&", "=", ";", ",", ".", "-", "_", "%2F", "0", "9")
        .list().ofMinSize(1).ofMaxSize(30).map(parts -> "/v2/" + String.join("", parts));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 4);
  }
}

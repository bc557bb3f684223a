package dev.berth.artifacts.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.github.internal.LinkHeader;
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
 * The {@code Link} parser of the GitHub packages client reads GitHub's answers (or whatever a proxy or a
 * hostile API host sends): every string parses without throwing, GitHub's own form is read exactly, and
 * the time is linear in the header.
 */
class GitHubLinkHeaderFuzzTest {
  /**
   * A bound a linear parse of the input meets many times over even on a loaded, shared 2-core machine,
   * and a quadratic one (about 10^12 steps for a megabyte) never does: what is tested is the shape of
   * the cost, not a speed.
   */
  private static final Duration LINEAR_TIME_BOUND = Duration.ofSeconds(30);


  @Property(tries = 2000)
  void anyHeaderValuesParseWithoutThrowing(@ForAll @Size(max = 3) List<String> values, @ForAll("rels") String rel) {
    String found = LinkHeader.find(values, rel);
    assertTrue(found == null || values.stream().anyMatch(v -> v.contains(found)));
  }

  @Property(tries = 3000)
  void stringsOfLinkSyntaxParseWithoutThrowing(@ForAll("linkSoup") String value, @ForAll("rels") String rel) {
    String found = LinkHeader.find(List.of(value), rel);
    assertTrue(found == null || value.contains(found));
  }

  /** GitHub writes {@code <URL>; rel="next", <URL>; rel="last"} with any subset of four relations. */
  @Property(tries = 500)
  void gitHubsOwnFormIsReadExactly(@ForAll("pages") List<Integer> pages) {
    List<String> rels = List.of("prev", "next", "last", "first");
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < pages.size() && i < rels.size(); i++) {
      parts.add("<https://api.github.com/user/packages/container/x/versions?per_page=100&page=" + pages.get(i)
          + ">; rel=\"" + rels.get(i) + "\"");
    }
    String header = String.join(", ", parts);
    for (int i = 0; i < rels.size(); i++) {
      String expected = i < pages.size()
          ? "https://api.github.com/user/packages/container/x/versions?per_page=100&page=" + pages.get(i) : null;
      assertEquals(expected, LinkHeader.find(List.of(header), rels.get(i)), header);
    }
  }

  @ParameterizedTest(name = "{0} x 2^20")
  @ValueSource(strings = {"<", ">", "<a", "<a>", "<a>;", "<a>; rel=", "\"", ",", ";", "<a>; rel=\"x", "; rel=next",
      "<a>;rel=\"next\"", " ", "<a> ", ";rel", "; "})
  void aMegabyteHeaderOfAnyShapeParsesInLinearTime(String unit) {
    String header = unit.repeat((1 << 20) / unit.length());
    assertTimeoutPreemptively(LINEAR_TIME_BOUND, () -> LinkHeader.find(List.of(header), "next"));
  }

  @Provide
  Arbitrary<String> rels() {
    return Arbitraries.of("next", "last", "prev", "");
  }

  @Provide
  Arbitrary<String> linkSoup() {
    return Arbitraries.of("<", ">", "<https://api.github.com/x?page=2>", ";", ",", "rel", "=", "\"", "next", " ",
        "last", "\t", "prev next", "REL").list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<Integer>> pages() {
    return Arbitraries.integers().between(1, 99999).list().ofMinSize(0).ofMaxSize(4);
  }
}

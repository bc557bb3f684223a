package dev.berth.auth.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.internal.Challenge;
import dev.berth.auth.internal.ChallengeParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code WWW-Authenticate} parser reads what any server sends, so it must take every string without
 * throwing, give back only well-formed challenges, read well-formed headers exactly, and run in time
 * linear in the header.
 */
class ChallengeParserFuzzTest {
  /**
   * A bound a linear parse of the input meets many times over even on a loaded, shared 2-core machine,
   * and a quadratic one (about 10^12 steps for a megabyte) never does: what is tested is the shape of
   * the cost, not a speed.
   */
  private static final Duration LINEAR_TIME_BOUND = Duration.ofSeconds(30);

  private static final String TCHARS = "!#$%&'*+-.^_`|~";

  @Property(tries = 2000)
  void anyStringParsesWithoutThrowingIntoWellFormedChallenges(@ForAll String header) {
    assertWellFormed(ChallengeParser.parse(header));
  }

  @Property(tries = 3000)
  void stringsOfGrammarPiecesParseWithoutThrowing(@ForAll("grammarSoup") String header) {
    assertWellFormed(ChallengeParser.parse(header));
  }

  @Property(tries = 300)
  void severalHeaderValuesParseWithoutThrowing(@ForAll @Size(max = 5) List<@From("grammarSoup") String> headers) {
    assertWellFormed(ChallengeParser.parse(headers));
  }

  @Property(tries = 1000)
  void wellFormedChallengesAreReadBackExactly(@ForAll("challengeLists") List<Challenge> challenges) {
    String header = render(challenges);
    assertEquals(challenges, ChallengeParser.parse(header), header);
  }

  /** Each input is a megabyte of a shape that would make a backtracking parser quadratic or worse. */
  @ParameterizedTest(name = "{0} x 2^20")
  @ValueSource(strings = {"a=", "a=b,", "\"", "\\", ",", " ", "Bearer ", "Bearer realm=\"", "a", "=",
      "Basic realm=\"x\\\"", "x=\"\",", "abc/+", "=,"})
  void aMegabyteHeaderOfAnyShapeParsesInLinearTime(String unit) {
    String header = unit.repeat((1 << 20) / unit.length());
    List<Challenge> parsed = assertTimeoutPreemptively(LINEAR_TIME_BOUND, () -> ChallengeParser.parse(header));
    assertWellFormed(parsed);
  }

  static void assertWellFormed(List<Challenge> challenges) {
    for (Challenge c : challenges) {
      assertTrue(isToken(c.scheme()), () -> "scheme " + c.scheme());
      assertEquals(c.scheme().toLowerCase(Locale.ROOT), c.scheme());
      for (String name : c.params().keySet()) {
        assertTrue(isToken(name), () -> "parameter name " + name);
        assertEquals(name.toLowerCase(Locale.ROOT), name);
      }
      assertTrue(c.token68() == null || c.params().isEmpty(), "token68 and parameters together");
    }
  }

  private static boolean isToken(String s) {
    return !s.isEmpty() && s.chars().allMatch(ch -> ch < 128
        && (Character.isLetterOrDigit(ch) || TCHARS.indexOf(ch) >= 0));
  }

  /** Fragments of real challenges, shuffled: far likelier than random text to reach every branch. */
  @Provide
  Arbitrary<String> grammarSoup() {
    Arbitrary<String> pieces = Arbitraries.of("Bearer", "Basic", "realm", "service", "scope", "error", "=", "\"",
        "\\", ",", " ", "\t", "\"https://auth.example/token\"", "repository:a/b:pull,push", "abc==", "/", "+",
        "\u00e9", "\n", "\0", "x");
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<Challenge>> challengeLists() {
    Arbitrary<String> tokens = Arbitraries.strings().withChars(TCHARS).alpha().numeric().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> values = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<Map<String, String>> params = Arbitraries.maps(tokens.map(t -> t.toLowerCase(Locale.ROOT)), values)
        .ofMinSize(1).ofMaxSize(4);
    // A scheme without parameters is only unambiguous last in a header, so every challenge gets some.
    Arbitrary<Challenge> challenge = Combinators.combine(tokens, params)
        .as((scheme, p) -> new Challenge(scheme, new LinkedHashMap<>(p), null));
    return challenge.list().ofMinSize(1).ofMaxSize(3);
  }

  private static String render(List<Challenge> challenges) {
    List<String> parts = new ArrayList<>();
    for (Challenge c : challenges) {
      List<String> params = new ArrayList<>();
      c.params().forEach((k, v) -> params.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
      parts.add(c.scheme() + " " + String.join(", ", params));
    }
    return String.join(", ", parts);
  }
}

package dev.berth.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeParserTest {

  /** Each row: a header value, and the challenges it holds written as {@code scheme{k=v, ...}} or {@code scheme[token68]}. */
  static Stream<Arguments> headers() {
    return Stream.of(
        row("Basic realm=\"registry\"", "basic{realm=registry}"),
        row("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"",
            "bearer{realm=https://auth.docker.io/token, scope=repository:library/alpine:pull, service=registry.docker.io}"),
        // ghcr.io's challenge for a push
        row("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:owner/app:pull,push\"",
            "bearer{realm=https://ghcr.io/token, scope=repository:owner/app:pull,push, service=ghcr.io}"),
        // scheme and parameter names are case-insensitive
        row("BEARER Realm=\"r\", SERVICE=\"s\"", "bearer{realm=r, service=s}"),
        row("bAsIc REALM=x", "basic{realm=x}"),
        // unquoted token values and whitespace around '=' (BWS)
        row("Bearer realm = \"r\" ,  service=svc", "bearer{realm=r, service=svc}"),
        row("Bearer realm=\"r\"\t,\tservice=\"s\"", "bearer{realm=r, service=s}"),
        // escaped quotes and commas inside a quoted string
        row("Basic realm=\"say \\\"hi\\\", then go\"", "basic{realm=say \"hi\", then go}"),
        row("Basic realm=\"back\\\\slash\"", "basic{realm=back\\slash}"),
        // an empty quoted string
        row("Bearer realm=\"r\",scope=\"\"", "bearer{realm=r, scope=}"),
        // several challenges in one header
        row("Basic realm=\"a\", Bearer realm=\"b\",service=\"c\"", "basic{realm=a}", "bearer{realm=b, service=c}"),
        row("Bearer realm=\"b\", Basic realm=\"a\"", "bearer{realm=b}", "basic{realm=a}"),
        // the example from RFC 7235 section 4.1
        row("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"",
            "newauth{realm=apps, title=Login to \"apps\", type=1}", "basic{realm=simple}"),
        // a scheme without parameters, alone and before another challenge
        row("Basic", "basic{}"),
        row("Basic, Bearer realm=\"x\"", "basic{}", "bearer{realm=x}"),
        row("Negotiate", "negotiate{}"),
        // token68
        row("Negotiate a87421000492aa874209af8bc028", "negotiate[a87421000492aa874209af8bc028]"),
        row("Negotiate YWJj==", "negotiate[YWJj==]"),
        row("Negotiate abc/+-._~, Basic realm=\"r\"", "negotiate[abc/+-._~]", "basic{realm=r}"),
        // empty list elements are allowed by the list rule
        row(", ,Basic realm=\"r\",, ,", "basic{realm=r}"),
        row("Bearer realm=\"r\",,service=\"s\"", "bearer{realm=r, service=s}"),
        // the scope list and error that distribution sends for a token without enough access
        row("Bearer realm=\"https://r/token\",service=\"s\",scope=\"repository:a:pull repository:b:pull,push\",error=\"insufficient_scope\"",
            "bearer{error=insufficient_scope, realm=https://r/token, scope=repository:a:pull repository:b:pull,push, service=s}"),
        // a repeated parameter: the first one counts
        row("Basic realm=\"first\", realm=\"second\"", "basic{realm=first}"),
        // malformed input keeps what was understood and stops
        row("Basic realm=\"unterminated", "basic{realm=unterminated}"),
        row("Bearer realm=\"r\" junk, Basic", "bearer{realm=r}"),
        row("", new String[0]),
        row("   ", new String[0]),
        row("\"not a scheme\"", new String[0]));
  }

  private static Arguments row(String header, String... expected) {
    return Arguments.of(header, List.of(expected));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("headers")
  void parsesChallengeHeaders(String header, List<String> expected) {
    assertEquals(expected, describe(ChallengeParser.parse(header)));
  }

  @Test
  void challengesFromSeveralHeadersAreAllParsedInOrder() {
    List<Challenge> challenges = ChallengeParser.parse(List.of("Basic realm=\"a\"", "Bearer realm=\"b\", Negotiate"));
    assertEquals(List.of("basic{realm=a}", "bearer{realm=b}", "negotiate{}"), describe(challenges));
  }

  @Test
  void parameterLookupIgnoresCase() {
    Challenge challenge = ChallengeParser.parse("Bearer Realm=\"r\"").get(0);
    assertEquals("r", challenge.param("REALM"));
  }

  private static List<String> describe(List<Challenge> challenges) {
    List<String> out = new ArrayList<>();
    for (Challenge c : challenges) {
      if (c.token68() != null) {
        out.add(c.scheme() + "[" + c.token68() + "]");
      } else {
        Map<String, String> sorted = new TreeMap<>(c.params());
        out.add(c.scheme() + sorted.toString());
      }
    }
    return out;
  }
}

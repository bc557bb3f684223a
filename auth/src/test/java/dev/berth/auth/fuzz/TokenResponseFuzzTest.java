package dev.berth.auth.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.Credential;
import dev.berth.auth.Scopes;
import dev.berth.auth.internal.Token;
import dev.berth.auth.internal.TokenFetcher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A token endpoint is as untrusted as the registry that names it. Whatever it answers, fetching a token
 * ends in a token or an {@link IOException} (an {@link AuthenticationException} when the answer is not a
 * token), never another exception, and the answer is read into memory only up to a fixed cap.
 */
class TokenResponseFuzzTest {
  private static final Scopes PULL = Scopes.of(Scopes.repository("owner/app", "pull"));
  private static final Credential USER = Credential.basic("alice", "s3cret-pw");
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
  private static MockWebServer server;

  @BeforeContainer
  static void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  private static HttpUrl realm() {
    return server.url("/token");
  }

  private static Token fetch() throws IOException {
    return new TokenFetcher(HTTP, Clock.systemUTC()).fetch(realm(), "registry", PULL, USER, "registry.example");
  }

  /** Answers every call with {@code status} and {@code body} without a network round trip, for speed. */
  private static Token fetchAnswered(int status, String body) throws IOException {
    OkHttpClient canned = HTTP.newBuilder().addInterceptor(chain -> new Response.Builder()
        .request(chain.request()).protocol(Protocol.HTTP_1_1).code(status).message("fuzz")
        .body(ResponseBody.create(body, MediaType.get("application/json"))).build()).build();
    return new TokenFetcher(canned, Clock.systemUTC()).fetch(realm(), "registry", PULL, USER, "registry.example");
  }

  @Property(tries = 1000)
  void anyTokenAnswerGivesATokenOrAnIOException(@ForAll("statuses") int status, @ForAll("answers") String body) {
    try {
      Token token = fetchAnswered(status, body);
      assertTrue(!token.value().isEmpty());
      assertTrue(token.expiresAt().isAfter(Instant.now().minusSeconds(1)), "expired on arrival: " + body);
      assertTrue(!token.renewAt().isAfter(token.expiresAt()));
    } catch (IOException expected) {
      // refused, denied, or not a token: all documented
    }
  }

  @Property(tries = 50)
  void aLongDeclaredLifetimeIsCappedAtADay(@ForAll("hugeLifetimes") String expiresIn) throws IOException {
    Token token = fetchAnswered(200, "{\"token\":\"t\",\"expires_in\":" + expiresIn + "}");
    assertTrue(!token.expiresAt().isAfter(Instant.now().plus(Duration.ofDays(1)).plusSeconds(5)));
  }

  @Property(tries = 1)
  void aTokenAnswerOverTheCapIsAProtocolErrorWithoutReadingItAll() {
    String padding = " ".repeat(2 << 20);
    server.enqueue(new MockResponse.Builder().body("{\"token\":\"t\"" + padding + "}").build());
    AuthenticationException e = assertThrows(AuthenticationException.class, TokenResponseFuzzTest::fetch);
    assertEquals(Reason.PROTOCOL, e.reason());
  }

  @Property(tries = 1)
  void anEndlessTokenAnswerIsCutOffAtTheCap() {
    EndlessBody endless = new EndlessBody((byte) ' ');
    server.enqueue(new MockResponse.Builder().body(endless).build());
    AuthenticationException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(AuthenticationException.class, TokenResponseFuzzTest::fetch));
    assertEquals(Reason.PROTOCOL, e.reason());
    // What was sent is the cap plus what socket buffers took before the client hung up.
    assertTrue(endless.sent() < 64L << 20, "sent " + endless.sent());
  }

  @Property(tries = 1)
  void deeplyNestedJsonIsAProtocolError() {
    server.enqueue(new MockResponse.Builder().body("[".repeat(500_000)).build());
    AuthenticationException e = assertThrows(AuthenticationException.class, TokenResponseFuzzTest::fetch);
    assertEquals(Reason.PROTOCOL, e.reason());
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just(200)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(201, 204, 301, 400, 401, 403, 404, 429, 500, 503)));
  }

  /** Token answers, mostly of the right shape with wrong or extreme values, sometimes not JSON at all. */
  @Provide
  Arbitrary<String> answers() {
    Arbitrary<String> tokenValue = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(TokenResponseFuzzTest::quote),
        Arbitraries.of("null", "1", "true", "{}", "[]", "\"\"", "\"a.b.c\"", jwtWith("{\"access\":7}"),
            jwtWith("{\"access\":[{\"type\":1,\"name\":[],\"actions\":{}}]}"), jwtWith("[[[[")));
    Arbitrary<String> expiresIn = Arbitraries.oneOf(
        Arbitraries.longs().map(Object::toString),
        Arbitraries.of("1e400", "-1e400", "0.5", "NaN", "\"300\"", "null", "[]", "99999999999999999999999"));
    Arbitrary<String> issuedAt = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30).map(TokenResponseFuzzTest::quote),
        Arbitraries.of("\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00+18:00\"",
            "\"1970-01-01T00:00:00Z\"", "\"2030-01-01T00:00:00-18:00\"", "0", "{}"));
    Arbitrary<String> fields = Combinators.combine(
            Arbitraries.of("token", "access_token", "TOKEN").optional(), tokenValue,
            expiresIn.optional(), issuedAt.optional(), Arbitraries.of("scope", "refresh_token").optional())
        .as((name, token, expires, issued, extra) -> {
          List<String> f = new ArrayList<>();
          name.ifPresent(n -> f.add(quote(n) + ":" + token));
          expires.ifPresent(e -> f.add("\"expires_in\":" + e));
          issued.ifPresent(i -> f.add("\"issued_at\":" + i));
          extra.ifPresent(x -> f.add(quote(x) + ":\"repository:a:pull\""));
          return "{" + String.join(",", f) + "}";
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, fields),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(60)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("", "null", "[]", "\"token\"", "{\"token\":", "{\"token\":\"t\"}}")));
  }

  @Provide
  Arbitrary<String> hugeLifetimes() {
    return Arbitraries.longs().between(Duration.ofDays(1).toSeconds(), Long.MAX_VALUE).map(Object::toString);
  }

  private static String jwtWith(String claims) {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return quote(b64.encodeToString("{}".getBytes()) + "." + b64.encodeToString(claims.getBytes()) + ".sig");
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}

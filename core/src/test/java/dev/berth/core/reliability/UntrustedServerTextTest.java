package dev.berth.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.OciException;
import dev.berth.core.RegistryError;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.core.remote.RetryPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry whose error bodies echo what it received (the Authorization header, decoded or not, the
 * credential the client sent to the token endpoint) or carry terminal control sequences. Whatever berth
 * builds from that text (exception messages, the {@code errors} it exposes as data, stack traces) holds
 * no secret in any encoding and no control character.
 */
class UntrustedServerTextTest {
  private static final String USER = "alice";
  // Characters that URL and JSON encode differently, so each encoding is a different string to find.
  private static final String PASSWORD = "p@ss w/rd\"&echo-1";
  private static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  private static final String TOKEN_CLAIMS = "eyJzdWIiOiJhbGljZSJ9claims";
  private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9head." + TOKEN_CLAIMS + ".c2lnbmF0dXJlsignature";

  private final MockWebServer registry = new MockWebServer();

  UntrustedServerTextTest() throws IOException {
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void anErrorBodyEchoingTheBasicCredentialShowsNoFormOfIt() {
    registry.setDispatcher(answer(r -> r.getHeaders().get("Authorization") == null
        ? new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"r\"").build()
        : echo(400, r.getHeaders().get("Authorization"))));

    OciException e = assertThrows(OciException.class, () -> repository().tags());

    assertCarriesNoSecret(e, basicForms());
    assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
  }

  @Test
  void anErrorBodyEchoingWhatTheTokenEndpointGotAndTheTokensPartsShowsNone() {
    registry.setDispatcher(answer(r -> {
      String auth = r.getHeaders().get("Authorization");
      if (r.getUrl().encodedPath().equals("/token")) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
            .body("{\"token\":\"" + TOKEN + "\"}").build();
      }
      if (auth == null) {
        return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate",
            "Bearer realm=\"" + registry.url("/token") + "\",service=\"reg\",scope=\"repository:team/app:pull\"")
            .build();
      }
      // The registry received only the bearer token, yet echoes the Basic credential that went to the
      // token endpoint (one server may well play both parts) and the token's claims on their own.
      return echo(400, auth + " " + BASIC + " " + TOKEN_CLAIMS);
    }));

    OciException e = assertThrows(OciException.class, () -> repository().tags());

    List<String> secrets = new ArrayList<>(basicForms());
    secrets.addAll(List.of(TOKEN, TOKEN_CLAIMS));
    assertCarriesNoSecret(e, secrets);
    assertTrue(e.getMessage().contains("you sent <redacted> <redacted> <redacted> which"), e.getMessage());
  }

  @Test
  void controlCharactersInAnErrorBodyAreEscaped() {
    registry.setDispatcher(answer(r -> new MockResponse.Builder().code(500)
        .addHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"code\":\"X\\u001b[2J\",\"message\":\"bad\\u001b]0;pwned\\u0007\\rfake\\nline\\u009b\","
            + "\"detail\":\"\\u001b[31m\"}]}").build()));

    RegistryErrorException e = assertThrows(RegistryErrorException.class, () -> repository().tags());

    assertNoControlCharacter(e.getMessage());
    assertTrue(e.getMessage().contains("bad\\x1b]0;pwned\\x07\\rfake\\nline\\x9b"), e.getMessage());
    for (RegistryError error : e.errors()) {
      assertNoControlCharacter(error.code() + error.message() + error.detail());
    }
    assertEquals("X\\x1b[2J", e.errors().get(0).code());
  }

  @Test
  void theClientRedactsAnyServerTextOfEverySecretItSent() throws IOException {
    registry.setDispatcher(answer(r -> r.getHeaders().get("Authorization") == null
        ? new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"r\"").build()
        : new MockResponse.Builder().addHeader("Content-Type", "application/json")
            .body("{\"name\":\"team/app\",\"tags\":[\"v1\"]}").build()));
    RegistryClient client = clientBuilder().build();
    client.repository(host(), "team/app").tags();

    String shown = client.redact("header " + BASIC + " pair " + USER + ":" + PASSWORD + "\u001b[0m");

    assertEquals("header <redacted> pair <redacted>\\x1b[0m", shown);
  }

  private static List<String> basicForms() {
    String base64 = BASIC.substring("Basic ".length());
    return List.of(PASSWORD, base64, USER + ":" + PASSWORD, URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
        PASSWORD.replace("\"", "\\\""));
  }

  /** An error body quoting {@code echoed} in the message and in the detail, raw and decoded. */
  private static MockResponse echo(int code, String echoed) {
    StringBuilder decoded = new StringBuilder();
    for (String word : echoed.split(" ")) {
      try {
        decoded.append(new String(Base64.getDecoder().decode(word), StandardCharsets.UTF_8)).append(' ');
      } catch (IllegalArgumentException notBase64) {
        decoded.append(word).append(' ');
      }
    }
    String message = "you sent " + echoed + " which is " + decoded + " password " + PASSWORD + " form "
        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    String body = "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":" + json(message)
        + ",\"detail\":{\"Authorization\":" + json(echoed) + ",\"decoded\":" + json(decoded.toString()) + "}}]}";
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      sb.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.append('"').toString();
  }

  private static void assertCarriesNoSecret(OciException e, List<String> secrets) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    StringBuilder all = new StringBuilder(trace.toString());
    if (e instanceof RegistryErrorException r) {
      for (RegistryError error : r.errors()) {
        all.append(error.code()).append(error.message()).append(error.detail());
      }
    }
    for (String secret : secrets) {
      assertFalse(all.toString().contains(secret), "leaked " + secret + " in:\n" + all);
    }
  }

  private static void assertNoControlCharacter(String text) {
    for (char c : text.toCharArray()) {
      assertFalse(c < 0x20 || c >= 0x7f && c <= 0x9f, "control character " + (int) c + " in " + text);
    }
  }

  private static Dispatcher answer(java.util.function.Function<RecordedRequest, MockResponse> f) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return f.apply(request);
      }
    };
  }

  private String host() {
    return registry.getHostName() + ":" + registry.getPort();
  }

  private RegistryClient.Builder clientBuilder() {
    return RegistryClient.builder()
        .plainHttp(host())
        .credentials(CredentialProvider.of(Credential.basic(USER, PASSWORD)))
        .retryPolicy(RetryPolicy.none())
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  private Repository repository() {
    return clientBuilder().build().repository(host(), "team/app");
  }
}

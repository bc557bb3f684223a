package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile registry's text does to berth's terminal: names that break the tag grammar, escape
 * sequences, and error bodies echoing the credential berth sent. stdout holds only valid results, and
 * neither stream carries a control character or any form of the password.
 */
class HostileServerTextTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "cli-echo-s3cret/pw";
  private static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private final MockWebServer registry = new MockWebServer();

  HostileServerTextTest() throws IOException {
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void tagsThatBreakTheGrammarAreReportedNotPrinted() {
    serve(r -> json(200, "{\"name\":\"team/app\",\"tags\":[\"v1\",\"v2\\nlatest\",\"\\u001b]0;pwned\\u0007\","
        + "\"ok_2\",\"x\\r\"]}"));

    CliRun r = CliRun.run("--plain-http", "tags", host() + "/team/app");

    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertEquals("ok_2\nv1\n", r.out());
    assertTrue(r.err().contains("listed \"v2\\nlatest\", which is not a valid tag"), r.err());
    assertTrue(r.err().contains("\\x1b]0;pwned\\x07"), r.err());
    assertNoControlCharacter(r.out() + r.err());
  }

  @Test
  void anErrorEchoingTheCredentialShowsNeitherItNorControlCharactersEvenVerbose() {
    serve(r -> r.getHeaders().get("Authorization") == null
        ? new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"r\"").build()
        : json(400, "{\"errors\":[{\"code\":\"DENIED\\u001b[2J\",\"message\":\"got "
            + r.getHeaders().get("Authorization") + " = " + USER + ":" + PASSWORD + " \\u001b]0;x\\u0007\\r\"}]}"));

    for (List<String> flags : List.of(List.<String>of(), List.of("--verbose"))) {
      List<String> args = new java.util.ArrayList<>(flags);
      args.addAll(List.of("--plain-http", "-u", USER, "--password-stdin", "tags", host() + "/team/app"));
      CliRun r = CliRun.runWithStdin(PASSWORD + "\n", args.toArray(String[]::new));

      assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
      assertTrue(r.err().contains("got <redacted> = <redacted>"), r.err());
      String all = r.out() + r.err();
      for (String secret : List.of(PASSWORD, BASIC.substring(6), USER + ":" + PASSWORD)) {
        assertFalse(all.contains(secret), "leaked " + secret + " with " + flags + ":\n" + all);
      }
      assertNoControlCharacter(r.err().replace("\n", "").replace("\t", ""));
      assertTrue(r.err().contains("error: "), r.err());
    }
  }

  @Test
  void everyLineOnTheConsoleHasItsControlCharactersEscaped() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.StringWriter err = new java.io.StringWriter();
    Console console = new Console(out, new java.io.PrintWriter(err, true), true);
    console.redactWith(text -> text.replace("hunter2", "<redacted>"));

    console.result("name\nforged\u001b[1A");
    console.err().println("multi\nline\u0007 with\ttab and hunter2");
    console.err().print("partial\r");
    console.err().flush();

    assertEquals("name\\nforged\\x1b[1A\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("multi\nline\\x07 with\ttab and <redacted>\npartial\\r", err.toString());
  }

  private void serve(java.util.function.Function<RecordedRequest, MockResponse> answer) {
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private String host() {
    return registry.getHostName() + ":" + registry.getPort();
  }

  private static void assertNoControlCharacter(String text) {
    for (char c : text.toCharArray()) {
      if (c != '\n') {
        assertFalse(c < 0x20 || c >= 0x7f && c <= 0x9f, "control character " + (int) c + " in:\n" + text);
      }
    }
  }
}

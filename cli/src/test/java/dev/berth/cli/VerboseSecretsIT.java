package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that talks to a token-auth registry, run with {@code --verbose} (which prints each HTTP
 * exchange's headers, and stack traces of failures), never prints the password in any form, nor a
 * bearer token, nor a token-bearing query value; {@code berth login} writes config.json with mode 0600.
 */
class VerboseSecretsIT {
  private static final String PASSWORD = "verbose-Pw-3f9a1c77e2";
  /** JWTs (the token server's) start with the base64url of {@code {"}. */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{16,}");
  private static final Pattern SECRET_QUERY = Pattern.compile("(?i)(access_token|_state|token|sig|signature)=(?!<redacted>)[^&\\s]");

  private static TestPki pki;
  private static TokenServer tokens;
  private static RegistryServer registry;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    pki = TestPki.create();
    tokens = TokenServer.builder().pki(pki).tls(true)
        .user("alice", PASSWORD).grant("alice", "team/*", "pull", "push", "delete")
        .user("bob", PASSWORD + "-bob").grant("bob", "team/*", "pull")
        .start();
    registry = RegistryServer.builder().tls(pki).tokenAuth(tokens).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (pki != null) {
      pki.close();
    }
  }

  @Test
  void verboseOutputOfEveryCommandHoldsNoPasswordTokenOrSecretQuery() throws Exception {
    Path config = tmp.resolve("auth/config.json");
    String ca = pki.caPemFile().toString();
    String repo = registry.host() + "/team/app";
    Path file = Files.writeString(tmp.resolve("notes.txt"), "some content");
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Files.writeString(dir.resolve("inner.txt"), "inner");
    String[] g = {"--verbose", "--ca-file", ca, "--registry-config", config.toString()};
    List<CliRun> runs = new ArrayList<>();

    CliRun login = CliRun.runWithStdin(PASSWORD + "\n", cat(g, "login", registry.host(), "-u", "alice", "--password-stdin"));
    assertEquals(0, login.exit(), login.toString());
    runs.add(login);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));

    runs.add(ok(CliRun.run(cat(g, "push", repo + ":v1", file.toString(), dir.toString()))));
    runs.add(ok(CliRun.run(cat(g, "pull", repo + ":v1", "-o", tmp.resolve("out").toString()))));
    runs.add(ok(CliRun.run(cat(g, "tags", repo))));
    runs.add(ok(CliRun.run(cat(g, "resolve", repo + ":v1"))));
    runs.add(ok(CliRun.run(cat(g, "manifest", "get", repo + ":v1"))));
    runs.add(ok(CliRun.run(cat(g, "blob", "put", repo, file.toString()))));
    runs.add(ok(CliRun.run(cat(g, "tag", repo + ":v1", "v2"))));
    runs.add(ok(CliRun.run(cat(g, "cp", repo + ":v1", registry.host() + "/team/copy:v1"))));
    // Credentials given on the command line rather than stored.
    runs.add(ok(CliRun.runWithStdin(PASSWORD, "--verbose", "--ca-file", ca, "-u", "alice", "--password-stdin",
        "push", repo + ":v3", file.toString())));
    // Failures print stack traces under --verbose: a wrong password, a denied push, a missing tag.
    runs.add(failed(CliRun.runWithStdin("wrong-" + PASSWORD, cat(g, "login", registry.host(), "-u", "alice",
        "--password-stdin"))));
    runs.add(failed(CliRun.runWithStdin(PASSWORD + "-bob", "--verbose", "--ca-file", ca, "-u", "bob",
        "--password-stdin", "push", repo + ":denied", file.toString())));
    runs.add(failed(CliRun.run(cat(g, "resolve", repo + ":no-such-tag"))));

    List<String> leaks = new ArrayList<>();
    int exchanges = 0;
    for (CliRun r : runs) {
      String text = r.out() + "\n" + r.err();
      exchanges += count(text, "\n<-- ") + (text.startsWith("<-- ") ? 1 : 0);
      for (String secret : forms(PASSWORD)) {
        if (text.contains(secret)) {
          leaks.add("password form " + secret);
        }
      }
      Matcher jwt = JWT.matcher(text);
      while (jwt.find()) {
        leaks.add("token " + jwt.group());
      }
      Matcher query = SECRET_QUERY.matcher(text);
      while (query.find()) {
        leaks.add("query " + text.substring(query.start(), Math.min(text.length(), query.end() + 20)));
      }
    }
    assertEquals(List.of(), leaks);
    // Not vacuous: the log did show the exchanges, with the credentials' scheme and nothing after it.
    String all = String.join("\n", runs.stream().map(r -> r.err()).toList());
    assertTrue(exchanges > 30, "only " + exchanges + " exchanges logged");
    assertTrue(all.contains("Authorization: Bearer <redacted>"), "no redacted Authorization line");
    assertTrue(all.contains("_state=<redacted>"), "no redacted upload state");
    System.out.println("verbose secrets: " + runs.size() + " commands, " + exchanges + " exchanges scanned");
  }

  private static CliRun ok(CliRun r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }

  private static CliRun failed(CliRun r) {
    assertTrue(r.exit() != 0, r.toString());
    return r;
  }

  private static String[] cat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** The secret, and the middle of its base64 at each alignment (as inside a Basic header). */
  private static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>(List.of(secret));
    for (int shift = 0; shift < 3; shift++) {
      String b64 = Base64.getEncoder().encodeToString(("x".repeat(shift) + secret).getBytes(StandardCharsets.UTF_8));
      forms.add(b64.substring(4, b64.length() - 4));
    }
    return forms;
  }
}

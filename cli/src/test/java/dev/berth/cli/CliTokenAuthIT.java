package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a TLS registry with docker token auth: a private CA (so --ca-file matters),
 * a pushing user, a pull-only user, and a wrong password.
 */
class CliTokenAuthIT {
  private static final String ALICE_PASSWORD = "alice-s3cret-pw";
  private static TestPki pki;
  private static TokenServer tokens;
  private static RegistryServer registry;

  @TempDir
  Path tmp;

  private BerthJar berth;
  private String ca;
  private Path file;

  @BeforeAll
  static void start() {
    pki = TestPki.create();
    tokens = TokenServer.builder().pki(pki).tls(true)
        .user("alice", ALICE_PASSWORD).grant("alice", "team/*", "pull", "push", "delete")
        .user("bob", "bob-pw").grant("bob", "team/*", "pull")
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

  @BeforeEach
  void setUp() throws Exception {
    berth = new BerthJar(tmp);
    ca = pki.caPemFile().toString();
    file = Files.writeString(berth.workDir().resolve("f.txt"), "token-auth content");
  }

  @Test
  void pushWithUserAndPasswordOnStdin() throws Exception {
    BerthJar.Result r = berth.runWithStdin(ALICE_PASSWORD + "\n", "--ca-file", ca, "-u", "alice", "--password-stdin",
        "blob", "put", registry.host() + "/team/app", file.toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.line().startsWith("sha256:"), r.toString());
  }

  @Test
  void withoutTheCaFileTlsVerificationFailsWithACaFileHint() throws Exception {
    BerthJar.Result r = berth.run("tags", registry.host() + "/team/app");
    assertEquals(ExitCodes.NETWORK, r.exit(), r.toString());
    assertTrue(r.err().contains("hint: if the registry's certificate comes from a private CA, pass --ca-file"),
        r.toString());
  }

  @Test
  void loginStoresCredentialsThatLaterCommandsUseUntilLogout() throws Exception {
    BerthJar.Result login = berth.runWithStdin(ALICE_PASSWORD, "--ca-file", ca, "login", registry.host(),
        "-u", "alice", "--password-stdin");
    assertEquals(0, login.exit(), login.toString());
    assertTrue(Files.readString(berth.dockerConfigFile()).contains(registry.host()));
    assertFalse(login.err().contains(ALICE_PASSWORD), login.toString());

    BerthJar.Result put = berth.run("--ca-file", ca, "blob", "put", registry.host() + "/team/app", file.toString());
    assertEquals(0, put.exit(), put.toString());

    assertEquals(0, berth.run("logout", registry.host()).exit());
    BerthJar.Result after = berth.run("--ca-file", ca, "blob", "put", registry.host() + "/team/app", file.toString());
    assertEquals(ExitCodes.AUTH, after.exit(), after.toString());
    assertTrue(after.err().contains("berth login " + registry.host()), after.toString());
  }

  @Test
  void insecureSkipsVerificationAndRegistryConfigChoosesTheCredentialFile() throws Exception {
    Path config = berth.workDir().resolve("auth/config.json");
    BerthJar.Result login = berth.runWithStdin(ALICE_PASSWORD, "--insecure", "--registry-config", config.toString(),
        "login", registry.host(), "-u", "alice", "--password-stdin");
    assertEquals(0, login.exit(), login.toString());
    assertTrue(Files.readString(config).contains(registry.host()), "stored in the chosen file");
    assertFalse(Files.exists(berth.dockerConfigFile()), "not in docker's default file");

    BerthJar.Result put = berth.run("--insecure", "--registry-config", config.toString(),
        "blob", "put", registry.host() + "/team/app", file.toString());
    assertEquals(0, put.exit(), put.toString());
  }

  @Test
  void wrongPasswordIsRefusedAndNothingIsStored() throws Exception {
    BerthJar.Result r = berth.runWithStdin("not-the-password", "--ca-file", ca, "login", registry.host(),
        "-u", "alice", "--password-stdin");
    assertEquals(ExitCodes.AUTH, r.exit(), r.toString());
    assertTrue(r.err().startsWith("error: "), r.toString());
    assertFalse(r.err().contains("not-the-password"), r.toString());
    assertFalse(Files.exists(berth.dockerConfigFile()) && Files.readString(berth.dockerConfigFile()).contains("alice"));
  }

  @Test
  void pullOnlyUserIsRefusedThePush() throws Exception {
    // Content no other test pushed: a blob the registry already has needs no push permission.
    Path own = Files.writeString(berth.workDir().resolve("bob.txt"), "bob's own content");
    BerthJar.Result r = berth.runWithStdin("bob-pw", "--ca-file", ca, "-u", "bob", "--password-stdin",
        "blob", "put", registry.host() + "/team/app", own.toString());
    assertEquals(ExitCodes.AUTH, r.exit(), r.toString());
    assertTrue(r.err().startsWith("error: "), r.toString());
    assertTrue(r.err().contains("hint: the credentials were accepted but do not allow this write"), r.toString());
  }

  @Test
  void demoPublishesThroughTokenAuthAfterLogin() throws Exception {
    assertEquals(0, berth.runWithStdin(ALICE_PASSWORD, "--ca-file", ca, "login", registry.host(), "-u", "alice",
        "--password-stdin").exit());
    BerthJar.Result demo = berth.run("--ca-file", ca, "demo", "--to", registry.host() + "/team/demo");
    assertEquals(0, demo.exit(), demo.toString());
    assertEquals(4, demo.out().lines().count(), "header and three artifacts: " + demo);
    BerthJar.Result pull = berth.run("--ca-file", ca, "wasm", "pull", registry.host() + "/team/demo/add-wasm:1.0.0",
        "-o", "add.wasm");
    assertEquals(0, pull.exit(), pull.toString());
  }

  @Test
  void verboseRedactsCredentialsAndTokens() throws Exception {
    BerthJar.Result r = berth.runWithStdin(ALICE_PASSWORD, "--verbose", "--ca-file", ca, "-u", "alice",
        "--password-stdin", "blob", "put", registry.host() + "/team/app", file.toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("Authorization: Bearer <redacted>"), r.err());
    assertFalse(r.err().contains(ALICE_PASSWORD), r.err());
    assertFalse(r.err().matches("(?s).*eyJ[A-Za-z0-9_-]{10,}.*"), "a JWT leaked into the log:\n" + r.err());
  }
}

package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.FoundCredential;
import dev.berth.core.AccessDeniedException;
import dev.berth.core.UnauthorizedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every 401/403 hint and --verbose name the credential used and its source; ghcr.io's documented traps are named. */
class CredentialSourceHintsTest {
  private static final String FINE_GRAINED = "github_pat_11ABCDEFG0123456789_secretpart";
  private static final String ACTIONS_TOKEN = "ghs_actionsTokenValue0123456789";

  private static FailureContext ghcr(boolean writing, FoundCredential used, Map<String, String> env) {
    return new FailureContext("ghcr.io", writing, "ghcr.io/octo/app", false)
        .withCredential(used.isAnonymous(), used.describe(), CredentialHints.kind(used, env));
  }

  @Test
  void aRefusalNamesTheCredentialAndWhereItCameFrom() {
    FoundCredential used = new FoundCredential(Credential.basic("mona", "ghp_x"),
        "from ~/.docker/config.json via docker-credential-pass");

    Failure f = FailureReport.describe(new UnauthorizedException("401"), ghcr(false, used, Map.of()));

    assertTrue(f.hint().endsWith("(berth used user mona from ~/.docker/config.json via docker-credential-pass)"),
        f.hint());
    assertFalse(f.hint().contains("ghp_x"));
  }

  @Test
  void aFineGrainedTokenIsNamedAsUnsupportedByGhcrWithoutShowingIt() {
    FoundCredential used = new FoundCredential(Credential.basic("mona", FINE_GRAINED), "from -u and --password-stdin");

    Failure f = FailureReport.describe(new UnauthorizedException("401"), ghcr(false, used, Map.of()));

    assertTrue(f.hint().contains("does not accept fine-grained personal access tokens"), f.hint());
    assertTrue(f.hint().contains("from -u and --password-stdin"), f.hint());
    assertFalse(f.hint().contains("secretpart"), f.hint());
  }

  @Test
  void githubTokenInAForkPullRequestOrDependabotRunIsReadOnly() {
    FoundCredential token = new FoundCredential(Credential.basic("octocat", ACTIONS_TOKEN), "from GITHUB_TOKEN");
    Map<String, String> pr = Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "pull_request",
        "GITHUB_ACTOR", "octocat");
    Map<String, String> dependabot = Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "push",
        "GITHUB_ACTOR", "dependabot[bot]");
    Map<String, String> push = Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "push", "GITHUB_ACTOR", "octocat");

    String forkHint = FailureReport.describe(new AccessDeniedException("denied"), ghcr(true, token, pr)).hint();
    String botHint = FailureReport.describe(new AccessDeniedException("denied"), ghcr(true, token, dependabot)).hint();
    String pushHint = FailureReport.describe(new AccessDeniedException("denied"), ghcr(true, token, push)).hint();
    String pullHint = FailureReport.describe(new AccessDeniedException("denied"), ghcr(false, token, pr)).hint();

    assertTrue(forkHint.contains("read-only in workflows run for pull requests from forks"), forkHint);
    assertTrue(botHint.contains("read-only in runs Dependabot triggers"), botHint);
    assertFalse(pushHint.contains("read-only"), pushHint);
    assertFalse(pullHint.contains("read-only"), "reading is not affected: " + pullHint);
    assertTrue(pushHint.contains("(berth used user octocat from GITHUB_TOKEN)"), pushHint);
  }

  @Test
  void aRefusedPushToGhcrNamesPackageCreationPolicyAndSso() {
    FoundCredential pat = new FoundCredential(Credential.basic("mona", "ghp_classic"), "from ~/.docker/config.json");

    String hint = FailureReport.describe(new AccessDeniedException("denied"), ghcr(true, pat, Map.of())).hint();

    assertTrue(hint.contains("forbid its members to create packages"), hint);
    assertTrue(hint.contains("Configure SSO"), hint);
  }

  @Test
  void verboseAndTheHintNameTheDockerConfigTheCredentialCameFrom(@TempDir Path home) throws Exception {
    try (MockWebServer registry = new MockWebServer()) {
      for (int i = 0; i < 4; i++) {
        registry.enqueue(new MockResponse.Builder().code(401)
            .addHeader("WWW-Authenticate", "Basic realm=\"test\"").build());
      }
      registry.start();
      String host = "localhost:" + registry.getPort();
      Files.createDirectories(home.resolve(".docker"));
      Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\""
          + Base64.getEncoder().encodeToString("docker-user:pw-from-file".getBytes()) + "\"}}}");
      Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "",
          "GITHUB_ACTOR", "octocat", "GITHUB_TOKEN", ACTIONS_TOKEN);

      CliRun r = CliRun.runWithEnv(env, "resolve", host + "/team/app:v1", "--plain-http", "--verbose");

      assertEquals(ExitCodes.AUTH, r.exit(), r.err());
      String source = "user docker-user from " + home.resolve(".docker/config.json");
      assertTrue(r.err().contains("* credentials for " + host + ": " + source), r.err());
      assertTrue(r.err().contains("(berth used " + source + ")"), r.err());
      assertFalse(r.err().contains("pw-from-file"), r.err());
    }
  }
}

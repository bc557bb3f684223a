package dev.berth.dist.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action (action.yml and .github/action/run.sh) run step by step as a runner runs it, against
 * a real docker-registry with token auth: the token input reaches berth, nowhere else, and the digest and
 * reference outputs name what was pushed.
 */
class ActionStepsIT {
  // Unique per run, so finding it in the log cannot be a coincidence.
  private static final String TOKEN = "ghs_" + UUID.randomUUID().toString().replace("-", "");
  private static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();

  private static TestPki pki;
  private static TokenServer tokens;
  private static RegistryServer registry;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    pki = TestPki.create();
    tokens = TokenServer.builder().pki(pki).user("octocat", TOKEN).grant("octocat", "*", "pull", "push").start();
    registry = RegistryServer.builder().tokenAuth(tokens).start();
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

  private CompositeActionRunner runner() throws Exception {
    return new CompositeActionRunner(REPO_ROOT, tmp).env("GITHUB_ACTOR", "octocat").githubToken(TOKEN);
  }

  @Test
  void pushesWithTheJobTokenAndWritesTheDigestAndReferenceOutputs() throws Exception {
    CompositeActionRunner runner = runner();
    Files.writeString(runner.workspace().resolve("release notes.txt"), "berth 1.0\n");
    Path chart = Files.createDirectories(runner.workspace().resolve("chart/templates"));
    Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: hello\nversion: 1.0.0\n");
    Files.writeString(chart.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\n");
    String host = registry.host();
    Map<String, String> with = Map.of("registry", host, "plain-http", "true");

    // Quotes group words as in a shell: one file whose name has a space.
    Map<String, String> pushed = runner.run(merge(with, "args", "push " + host + "/team/notes:1.0 'release notes.txt'"));
    Map<String, String> helm = runner.run(merge(with, "args", "helm push chart oci://" + host + "/charts"));

    RegistryClient client = RegistryClient.builder().plainHttp(host)
        .credentials(CredentialProvider.of(Credential.basic("octocat", TOKEN))).build();
    Repository notes = client.repository(host + "/team/notes");
    assertEquals(notes.resolve("1.0").digest().toString(), pushed.get("digest"));
    assertEquals("", pushed.get("reference"));
    Repository charts = client.repository(host + "/charts/hello");
    assertEquals(charts.resolve("1.0.0").digest().toString(), helm.get("digest"));
    assertEquals(host + "/charts/hello:1.0.0", helm.get("reference"));

    // The token appears only in the ::add-mask:: command the runner consumes (and never shows).
    List<String> lines = runner.log().lines().filter(l -> l.contains(TOKEN)).toList();
    assertEquals(List.of("::add-mask::" + TOKEN, "::add-mask::" + TOKEN), lines, runner.log());
    // The step's docker config (holding the token) is gone; berth went into the tool cache path.
    try (Stream<Path> left = Files.list(tmp.resolve("runner-temp"))) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("berth-run.")));
    }
    assertFalse(Files.exists(tmp.resolve("home/.docker/config.json")));
    assertEquals(1, runner.cachePaths().stream().distinct().count(), runner.cachePaths().toString());
    assertTrue(Files.isExecutable(Path.of(runner.cachePaths().get(0)).resolve("bin/berth")));
  }

  @Test
  void argsAreSplitNotExpanded() throws Exception {
    CompositeActionRunner runner = runner();
    // Text from an event (a branch name, say) that a shell would run: it must reach berth as words.
    String hostile = "push " + registry.host() + "/team/x:1 $(touch pwned) `touch pwned2` ;touch pwned3";
    CompositeActionRunner.StepFailedException e = assertThrows(CompositeActionRunner.StepFailedException.class,
        () -> runner.run(Map.of("args", hostile, "token", "", "plain-http", "true")));
    assertTrue(e.log.contains("$(touch"), e.log); // berth was given the text as a file name
    try (Stream<Path> files = Files.list(runner.workspace())) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pwned")).toList());
    }
  }

  @Test
  void aWrongTokenFailsTheStepWithoutShowingIt() throws Exception {
    CompositeActionRunner runner = runner().githubToken("ghs_wrong" + UUID.randomUUID().toString().replace("-", ""));
    CompositeActionRunner.StepFailedException e = assertThrows(CompositeActionRunner.StepFailedException.class,
        () -> runner.run(Map.of("args", "tags " + registry.host() + "/team/notes", "registry", registry.host(),
            "plain-http", "true")));
    assertEquals(1, e.log.lines().filter(l -> l.contains("ghs_wrong")).count(), e.log); // the add-mask line only
  }

  private static Map<String, String> merge(Map<String, String> base, String key, String value) {
    Map<String, String> m = new java.util.LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }
}

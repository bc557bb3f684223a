package dev.berth.dist.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.remote.RegistryClient;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/github-actions/publish-chart-and-wasm.yml, as a user copies it, run step by step against a
 * token-auth docker-registry standing in for ghcr.io: the only change is that host (and the plain-HTTP
 * and registry inputs a registry other than ghcr.io needs).
 */
class ExampleWorkflowIT {
  private static final String TOKEN = "ghs_" + UUID.randomUUID().toString().replace("-", "");
  private static final Path REPO_ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path WORKFLOW = REPO_ROOT.resolve("examples/github-actions/publish-chart-and-wasm.yml");

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

  @Test
  void publishesTheChartAndTheWasmModuleOfATag() throws Exception {
    String yaml = Files.readString(WORKFLOW);
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    // Least privilege, and the token only where the action takes it: no secrets or GITHUB_TOKEN in env.
    assertEquals(Map.of("contents", "read", "packages", "write"),
        new ObjectMapper().convertValue(workflow.path("permissions"), Map.class));
    assertFalse(yaml.contains("secrets."), "the workflow passes a secret around");
    assertFalse(yaml.contains("GITHUB_TOKEN:"), "the workflow puts GITHUB_TOKEN in an environment");

    String host = registry.host();
    CompositeActionRunner runner = new CompositeActionRunner(REPO_ROOT, tmp).githubToken(TOKEN)
        .env("GITHUB_ACTOR", "octocat").env("GITHUB_REPOSITORY", "Octo-Org/Demo")
        .env("GITHUB_REPOSITORY_OWNER", "Octo-Org").env("GITHUB_REF_NAME", "v1.2.3")
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_STEP_SUMMARY", tmp.resolve("summary.md").toString());
    // The repository the workflow was copied into: a chart and a wasm module where its env says.
    Path chart = Files.createDirectories(runner.workspace().resolve("chart/templates"));
    Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.4.0\n");
    Files.writeString(chart.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n");
    Path wasm = Files.createDirectories(runner.workspace().resolve("dist")).resolve("module.wasm");
    Files.write(wasm, new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});

    Map<String, Map<String, String>> steps = new WorkflowJobRunner(runner,
        Map.of("registry", host, "plain-http", "true")).run(yaml.replace("ghcr.io", host), "publish");

    RegistryClient client = RegistryClient.builder().plainHttp(host)
        .credentials(CredentialProvider.of(Credential.basic("octocat", TOKEN))).build();
    String chartDigest = client.repository(host + "/octo-org/charts/demo").resolve("0.4.0").digest().toString();
    String wasmDigest = client.repository(host + "/octo-org/demo-wasm").resolve("1.2.3").digest().toString();
    assertEquals(Map.of("digest", chartDigest, "reference", host + "/octo-org/charts/demo:0.4.0"), steps.get("chart"));
    assertEquals(wasmDigest, steps.get("wasm").get("digest"));
    String summary = Files.readString(tmp.resolve("summary.md"));
    assertTrue(summary.contains(host + "/octo-org/charts/demo:0.4.0@" + chartDigest), summary);
    assertTrue(summary.contains(wasmDigest), summary);
    assertEquals(2, runner.log().lines().filter(l -> l.contains(TOKEN)).count(), runner.log()); // the add-mask lines
  }
}

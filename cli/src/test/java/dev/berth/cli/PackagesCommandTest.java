package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.testkit.FakeGitHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth packages} against {@link FakeGitHub} (GitHub's packages API) and a registry serving the
 * package's manifests, as ghcr.io pairs them: list, delete by tag, restore, prune with --dry-run, and
 * {@code manifest delete} on ghcr.io pointing here.
 */
class PackagesCommandTest {
  private static final String TOKEN = "ghp_packagesAdminToken0001";
  private static final Instant NOW = Instant.now();

  private FakeGitHub github;
  private MockWebServer registry;
  private final Map<String, EncodedManifest> manifests = new HashMap<>();
  private String pkg;

  @BeforeEach
  void start() throws Exception {
    github = FakeGitHub.start().org("octo").token(TOKEN, "mona", true);
    registry = new MockWebServer();
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getTarget();
        String digest = path.substring(path.lastIndexOf('/') + 1);
        EncodedManifest m = manifests.get(digest);
        if (!path.startsWith("/v2/octo/app/manifests/") || m == null) {
          return new MockResponse.Builder().code(404).body("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}").build();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", m.mediaType())
            .addHeader("Docker-Content-Digest", m.digest().toString())
            .body(new okio.Buffer().write(m.bytes())).build();
      }
    });
    registry.start();
    pkg = "localhost:" + registry.getPort() + "/octo/app";
  }

  @AfterEach
  void stop() {
    github.close();
    registry.close();
  }

  private EncodedManifest image(String name) {
    Descriptor layer = Descriptor.of("application/vnd.oci.image.layer.v1.tar", name.getBytes(StandardCharsets.UTF_8));
    EncodedManifest m = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(layer)));
    manifests.put(m.digest().toString(), m);
    return m;
  }

  private FakeGitHub.Version version(EncodedManifest m, int daysAgo, String... tags) {
    return github.version("octo", "app", m.digest().toString(), NOW.minus(Duration.ofDays(daysAgo)), tags);
  }

  private CliRun berth(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--api-url", github.apiUrl(), "--plain-http", "-u", "mona", "--password-stdin"},
        0, all, args.length, 6);
    return CliRun.runWithStdin(TOKEN, all);
  }

  @Test
  void listShowsIdsDigestsTagsAndDatesNewestFirst() {
    EncodedManifest a = image("a");
    EncodedManifest b = image("b");
    FakeGitHub.Version va = version(a, 3, "v1");
    FakeGitHub.Version vb = version(b, 1, "v2", "latest");

    CliRun r = berth("packages", "list", pkg);

    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(vb.id() + "  " + b.digest() + "  v2,latest  " + NOW.minus(Duration.ofDays(1)),
        va.id() + "  " + a.digest() + "  v1  " + NOW.minus(Duration.ofDays(3))), r.out().lines().toList());
    assertTrue(github.requests().contains("GET /users/octo"), github.requests().toString());
  }

  @Test
  void deleteByTagThenRestoreByDigest() {
    EncodedManifest a = image("a");
    FakeGitHub.Version va = version(a, 3, "v1");
    version(image("b"), 1, "v2");

    CliRun deleted = berth("packages", "delete", pkg + ":v1", "--owner-type", "org");
    assertEquals(0, deleted.exit(), deleted.err());
    assertTrue(va.deleted());
    assertTrue(deleted.out().startsWith("deleted " + va.id()), deleted.out());

    CliRun restored = berth("packages", "restore", pkg + "@" + a.digest(), "--owner-type", "org");
    assertEquals(0, restored.exit(), restored.err());
    assertFalse(va.deleted());
  }

  @Test
  void pruneDryRunPrintsExactlyWhatWouldGoAndKeepsWhatAKeptIndexReferences() {
    EncodedManifest amd64 = image("amd64");
    EncodedManifest arm64 = image("arm64");
    EncodedManifest index = EncodedManifest.of(Index.of(List.of(amd64.descriptor(), arm64.descriptor())));
    manifests.put(index.digest().toString(), index);
    EncodedManifest stray = image("stray");
    EncodedManifest old = image("old");
    version(amd64, 40);
    version(arm64, 40);
    version(stray, 40);
    FakeGitHub.Version oldTagged = version(old, 30, "v0");
    version(index, 10, "v1");

    CliRun dry = berth("packages", "prune", pkg, "--owner-type", "org", "--keep-tagged", "1",
        "--untagged-older-than", "7d", "--dry-run");

    assertEquals(0, dry.exit(), dry.err());
    List<String> lines = dry.out().lines().toList();
    assertEquals(2, lines.size(), dry.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("would delete  " + oldTagged.id() + "  " + old.digest())), dry.out());
    assertTrue(lines.stream().anyMatch(l -> l.contains(stray.digest().toString()) && l.contains("untagged")), dry.out());
    assertTrue(dry.err().contains("would delete 2 of 5 versions; kept 3"), dry.err());
    assertFalse(github.requests().stream().anyMatch(q -> q.startsWith("DELETE")), "a dry run deletes nothing");

    CliRun real = berth("packages", "prune", pkg, "--owner-type", "org", "--keep-tagged", "1",
        "--untagged-older-than", "7d");
    assertEquals(0, real.exit(), real.err());
    assertEquals(2, github.requests().stream().filter(q -> q.startsWith("DELETE")).count());
    assertTrue(oldTagged.deleted());
  }

  @Test
  void pruneWithoutARuleIsAUsageErrorAndAnAgeWithoutUnitIsNamed() {
    assertEquals(ExitCodes.USAGE, berth("packages", "prune", pkg, "--owner-type", "org").exit());
    CliRun r = berth("packages", "prune", pkg, "--owner-type", "org", "--untagged-older-than", "30");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("--untagged-older-than"), r.err());
  }

  @Test
  void aRefusedDeleteNamesAdminScopesAndTheCredentialsSource() {
    github.token("ghp_readerToken000000002", "mona", false);
    EncodedManifest a = image("a");
    version(a, 3, "v1");
    version(image("b"), 1, "v2");

    CliRun r = CliRun.runWithStdin("ghp_readerToken000000002", "packages", "delete", pkg + ":v1", "--owner-type", "org",
        "--api-url", github.apiUrl(), "-u", "mona", "--password-stdin");

    assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains("admin on the package") && r.err().contains("delete:packages"), r.err());
    assertTrue(r.err().contains("user mona from -u and --password-stdin"), r.err());
    assertFalse(r.err().contains("ghp_readerToken"), r.err());
  }

  @Test
  void manifestDeleteOnGhcrPointsAtPackagesDelete() {
    CliRun r = CliRun.run("manifest", "delete", "ghcr.io/octo/app:v1");

    assertEquals(ExitCodes.FAILURE, r.exit(), r.err());
    assertTrue(r.err().contains("use: berth packages delete ghcr.io/octo/app:v1"), r.err());
  }
}

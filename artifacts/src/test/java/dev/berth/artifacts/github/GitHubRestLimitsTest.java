package dev.berth.artifacts.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import dev.berth.core.remote.RetryPolicy;
import dev.berth.testkit.FakeGitHub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GitHubPackages} against {@link FakeGitHub}, a loopback API that pages, limits and refuses as
 * GitHub documents: paging to the end, rate limits waited out (the waits are recorded, not slept),
 * waits beyond the cap reported, and GitHub's documented refusals explained.
 */
class GitHubRestLimitsTest {
  private static final String ADMIN = "ghp_adminTokenValue0001";
  private static final String READER = "ghs_readOnlyTokenValue02";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private FakeGitHub github;
  private final List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    github = FakeGitHub.start().org("octo").user("mona").token(ADMIN, "mona", true).token(READER, "mona", false);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private GitHubPackages api(String token) {
    return GitHubPackages.builder().apiUrl(github.apiUrl()).token(token, "from GITHUB_TOKEN")
        .retryPolicy(RetryPolicy.defaults().withSleeper(waits::add)).build();
  }

  private static String digest(int i) {
    return Digest.sha256(("v" + i).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private FakeGitHub.Version add(int i, String... tags) {
    return github.version("octo", "tools/base", digest(i), T0.plusSeconds(i), tags);
  }

  @Test
  void listsEveryPageOfANestedOrgPackageNewestFirst() throws Exception {
    for (int i = 0; i < 250; i++) {
      add(i, "t" + i);
    }

    List<PackageVersion> versions = api(ADMIN).listVersions(PackageOwner.org("octo"), "tools/base");

    assertEquals(250, versions.size());
    assertEquals(List.of("t249"), versions.get(0).tags());
    assertEquals(List.of("t0"), versions.get(249).tags());
    assertEquals(List.of(
        "GET /orgs/octo/packages/container/tools%2Fbase/versions?per_page=100",
        "GET /orgs/octo/packages/container/tools%2Fbase/versions?per_page=100&page=2",
        "GET /orgs/octo/packages/container/tools%2Fbase/versions?per_page=100&page=3"), github.requests());
  }

  @Test
  void secondaryLimitsAndTooManyRequestsAreWaitedOutAsAsked() throws Exception {
    add(1, "v1");
    github.limitNext(FakeGitHub.Limit.SECONDARY_RETRY_AFTER, FakeGitHub.Limit.TOO_MANY_REQUESTS);

    List<PackageVersion> versions = api(ADMIN).listVersions(PackageOwner.org("octo"), "tools/base");

    assertEquals(1, versions.size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), waits);
    assertEquals(3, github.requests().size());
  }

  @Test
  void aSecondaryLimitNamingNoTimeAsksForGithubsMinuteSoItIsReportedNotHammered() throws Exception {
    add(1, "v1");
    github.limitNext(FakeGitHub.Limit.SECONDARY_NO_HEADERS);

    // GitHub: "Otherwise, wait for at least one minute before retrying." Past the 30 s cap on a wait, so
    // berth reports it at once instead of retrying after a sub-second backoff (it did, four times).
    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api(ADMIN).listVersions(PackageOwner.org("octo"), "tools/base"));

    assertTrue(e.getMessage().contains("rate limit"), e.getMessage());
    assertEquals(List.of(), waits);
    assertEquals(1, github.requests().size());
  }

  @Test
  void aPrimaryLimitWaitsUntilTheReset() throws Exception {
    add(1, "v1");
    github.limitNext(FakeGitHub.Limit.PRIMARY);

    api(ADMIN).listVersions(PackageOwner.org("octo"), "tools/base");

    assertEquals(1, waits.size());
    assertTrue(waits.get(0).compareTo(Duration.ofSeconds(4)) <= 0 && !waits.get(0).isNegative(), waits.toString());
    assertEquals(2, github.requests().size());
  }

  @Test
  void aLimitAskingForMoreThanTheCapIsReportedWithoutWaiting() {
    add(1, "v1");
    github.limitNext(FakeGitHub.Limit.SECONDARY_ONE_HOUR);

    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api(ADMIN).listVersions(PackageOwner.org("octo"), "tools/base"));

    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains("asks to wait 3600 s") && e.getMessage().contains("at most 30 s a wait"),
        e.getMessage());
    assertFalse(e.getMessage().contains("read:packages"), "not a scope problem: " + e.getMessage());
    assertTrue(waits.isEmpty());
    assertEquals(1, github.requests().size());
  }

  @Test
  void aSecondaryLimitThatKeepsComingStopsAfterTheAttemptsOfThePolicy() {
    add(1, "v1");
    for (int i = 0; i < 10; i++) {
      github.limitNext(FakeGitHub.Limit.SECONDARY_RETRY_AFTER);
    }

    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api(ADMIN).listVersions(PackageOwner.org("octo"), "tools/base"));

    assertTrue(e.getMessage().contains("5 tries"), e.getMessage());
    assertEquals(5, github.requests().size());
    assertEquals(4, waits.size());
  }

  @Test
  void aPermissionRefusalIsNotRetriedAndNamesAdminScopesAndTheTokensSource() {
    FakeGitHub.Version v = add(1, "v1");
    add(2, "v2");

    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api(READER).deleteVersion(PackageOwner.org("octo"), "tools/base", v.id()));

    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains("admin on the package"), e.getMessage());
    assertTrue(e.getMessage().contains("delete:packages"), e.getMessage());
    assertTrue(e.getMessage().contains("from GITHUB_TOKEN"), e.getMessage());
    assertFalse(e.getMessage().contains(READER));
    assertEquals(1, github.requests().size());
    assertTrue(waits.isEmpty());
  }

  @Test
  void aPublicVersionWithMoreThan5000DownloadsIsExplained() {
    FakeGitHub.Version popular = add(1, "v1");
    add(2, "v2");
    github.publicWithDownloads("octo", "tools/base", popular, 5001);

    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api(ADMIN).deleteVersion(PackageOwner.org("octo"), "tools/base", popular.id()));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("5,000 times") && e.getMessage().contains("GitHub Support"), e.getMessage());
    assertFalse(popular.deleted());
  }

  @Test
  void theLastTaggedVersionPointsAtDeletingThePackage() {
    FakeGitHub.Version only = add(1, "v1");

    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api(ADMIN).deleteVersionByTag(PackageOwner.org("octo"), "tools/base", "v1"));

    assertTrue(e.getMessage().contains("delete the package"), e.getMessage());
    assertFalse(only.deleted());
  }

  @Test
  void aDeletedVersionIsListedAsDeletedAndRestored() throws Exception {
    add(1, "v1");
    FakeGitHub.Version v2 = add(2, "v2");
    GitHubPackages gh = api(ADMIN);

    gh.deleteVersionByDigest(PackageOwner.org("octo"), "tools/base", Digest.parse(digest(2)));
    assertTrue(v2.deleted());
    List<PackageVersion> deleted = gh.listVersions(PackageOwner.org("octo"), "tools/base", true);
    assertEquals(List.of(v2.id()), deleted.stream().map(PackageVersion::id).toList());
    gh.restoreVersion(PackageOwner.org("octo"), "tools/base", v2.id());

    assertFalse(v2.deleted());
    assertTrue(github.requests().contains(
        "POST /orgs/octo/packages/container/tools%2Fbase/versions/" + v2.id() + "/restore"), github.requests().toString());
  }

  @Test
  void aWholePackageIsDeletedAndRestoredOnTheUsersPath() throws Exception {
    github.version("mona", "app", digest(1), T0, "v1");
    GitHubPackages gh = api(ADMIN);
    PackageOwner mona = gh.ownerOf("mona");

    gh.deletePackage(mona, "app");
    assertTrue(github.packageDeleted("mona", "app"));
    gh.restorePackage(mona, "app");

    assertFalse(github.packageDeleted("mona", "app"));
    assertEquals(List.of("GET /users/mona", "DELETE /users/mona/packages/container/app",
        "POST /users/mona/packages/container/app/restore"), github.requests());
  }

  @Test
  void ownersAreTold() throws Exception {
    assertEquals(PackageOwner.org("octo"), api(ADMIN).ownerOf("octo"));
    assertEquals(PackageOwner.user("mona"), api(ADMIN).ownerOf("mona"));
  }

  @Test
  void anUnknownTokenIsBadCredentialsNamingItsSource() {
    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> api("ghp_unknownTokenValue0003").listVersions(PackageOwner.org("octo"), "x"));

    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("from GITHUB_TOKEN"), e.getMessage());
  }
}

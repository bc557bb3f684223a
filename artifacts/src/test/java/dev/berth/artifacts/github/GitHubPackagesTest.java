package dev.berth.artifacts.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import dev.berth.core.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubPackagesTest {
  private static final String TOKEN = "ghp_secretTokenValue123";
  private static final Digest D1 = Digest.sha256("one".getBytes(StandardCharsets.UTF_8));
  private static final Digest D2 = Digest.sha256("two".getBytes(StandardCharsets.UTF_8));
  private static final Digest D3 = Digest.sha256("three".getBytes(StandardCharsets.UTF_8));

  private MockWebServer server;
  private GitHubPackages gh;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    gh = GitHubPackages.builder().apiUrl(server.url("/api/v3/").toString()).token(TOKEN).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A version object in the shape GitHub's "List package versions" documents. */
  private static String version(long id, Digest digest, String... tags) {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    }
    return """
        {"id":%d,"name":"%s","url":"https://api.github.com/orgs/octo/packages/container/tools%%2Fbase/versions/%d",
         "package_html_url":"https://github.com/orgs/octo/packages/container/package/tools%%2Fbase",
         "created_at":"2024-05-01T10:00:00Z","updated_at":"2024-05-02T10:00:00Z",
         "html_url":"https://github.com/orgs/octo/packages/container/tools%%2Fbase/%d",
         "metadata":{"package_type":"container","container":{"tags":[%s]}}}"""
        .formatted(id, digest, id, id, t);
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void listsOrgVersionsWithEncodedNestedNameAndBearerToken() throws Exception {
    server.enqueue(json("[" + version(11, D1, "latest", "v1") + "," + version(10, D2) + "]"));

    List<PackageVersion> versions = gh.listVersions(PackageOwner.org("octo"), "tools/base");

    assertEquals(2, versions.size());
    PackageVersion first = versions.get(0);
    assertEquals(11, first.id());
    assertEquals(Optional.of(D1), first.digest());
    assertEquals(List.of("latest", "v1"), first.tags());
    assertEquals("2024-05-01T10:00:00Z", first.createdAt());
    assertEquals(List.of(), versions.get(1).tags());

    RecordedRequest r = server.takeRequest();
    assertEquals("GET", r.getMethod());
    assertEquals("/api/v3/orgs/octo/packages/container/tools%2Fbase/versions?per_page=100", r.getTarget());
    assertEquals("Bearer " + TOKEN, r.getHeaders().get("Authorization"));
    assertEquals("application/vnd.github+json", r.getHeaders().get("Accept"));
    assertEquals(GitHubPackages.API_VERSION, r.getHeaders().get("X-GitHub-Api-Version"));
  }

  @Test
  void authenticatedUserAndNamedUserUseTheirPaths() throws Exception {
    server.enqueue(json("[]"));
    server.enqueue(json("[]"));

    gh.listVersions(PackageOwner.authenticatedUser(), "app");
    gh.listVersions(PackageOwner.user("mona"), "app");

    assertEquals("/api/v3/user/packages/container/app/versions?per_page=100", server.takeRequest().getTarget());
    assertEquals("/api/v3/users/mona/packages/container/app/versions?per_page=100", server.takeRequest().getTarget());
  }

  @Test
  void followsLinkHeaderPaginationToTheEnd() throws Exception {
    GitHubPackages small = GitHubPackages.builder().apiUrl(server.url("/").toString()).token(TOKEN).pageSize(2).build();
    String page2 = server.url("/user/packages/container/app/versions?per_page=2&page=2").toString();
    String page3 = server.url("/user/packages/container/app/versions?per_page=2&page=3").toString();
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page3 + ">; rel=\"last\"")
        .body("[" + version(3, D3, "c") + "," + version(2, D2, "b") + "]").build());
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Link", "<" + page3 + ">; rel=\"next\", <" + page3 + ">; rel=\"last\"")
        .body("[]").build());
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Link", "<" + page2 + ">; rel=\"prev\"")
        .body("[" + version(1, D1, "a") + "]").build());

    List<PackageVersion> versions = small.listVersions(PackageOwner.authenticatedUser(), "app");

    assertEquals(List.of(3L, 2L, 1L), versions.stream().map(PackageVersion::id).toList());
    assertEquals("/user/packages/container/app/versions?per_page=2", server.takeRequest().getTarget());
    RecordedRequest second = server.takeRequest();
    assertEquals("/user/packages/container/app/versions?per_page=2&page=2", second.getTarget());
    assertEquals("Bearer " + TOKEN, second.getHeaders().get("Authorization"));
    assertEquals("/user/packages/container/app/versions?per_page=2&page=3", server.takeRequest().getTarget());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void refusesNextLinkToAnotherHostSoTheTokenStaysHome() {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"").body("[]").build());

    IOException e = assertThrows(IOException.class, () -> gh.listVersions(PackageOwner.authenticatedUser(), "app"));

    assertTrue(e.getMessage().contains("refused a next-page Link to another origin"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void deletesByTagTheVersionCarryingIt() throws Exception {
    server.enqueue(json("[" + version(11, D1, "latest") + "," + version(10, D2, "pr-42", "sha-abc") + "]"));
    server.enqueue(new MockResponse.Builder().code(204).build());

    PackageVersion deleted = gh.deleteVersionByTag(PackageOwner.org("octo"), "tools/base", "pr-42");

    assertEquals(10, deleted.id());
    assertEquals(List.of("pr-42", "sha-abc"), deleted.tags());
    server.takeRequest();
    RecordedRequest delete = server.takeRequest();
    assertEquals("DELETE", delete.getMethod());
    assertEquals("/api/v3/orgs/octo/packages/container/tools%2Fbase/versions/10", delete.getTarget());
    assertEquals("Bearer " + TOKEN, delete.getHeaders().get("Authorization"));
  }

  @Test
  void deletesByDigest() throws Exception {
    server.enqueue(json("[" + version(11, D1, "latest") + "," + version(10, D2) + "]"));
    server.enqueue(new MockResponse.Builder().code(204).build());

    PackageVersion deleted = gh.deleteVersionByDigest(PackageOwner.user("mona"), "app", D2);

    assertEquals(10, deleted.id());
    server.takeRequest();
    assertEquals("/api/v3/users/mona/packages/container/app/versions/10", server.takeRequest().getTarget());
  }

  @Test
  void deleteByUnknownTagIsNotFoundAndDeletesNothing() {
    server.enqueue(json("[" + version(11, D1, "latest") + "]"));

    NotFoundException e = assertThrows(NotFoundException.class,
        () -> gh.deleteVersionByTag(PackageOwner.org("octo"), "app", "nope"));

    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void errorsCarryGitHubsMessageButNeverTheToken() {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"message\":\"You cannot delete the last tagged version of a package. You must delete the package instead.\","
            + "\"documentation_url\":\"https://docs.github.com/rest/packages/packages\"}").build());

    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> gh.deleteVersion(PackageOwner.org("octo"), "app", 7));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().startsWith("DELETE "), e.getMessage());
    assertTrue(e.getMessage().contains("must delete the package instead"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertFalse(gh.toString().contains(TOKEN));
  }

  @Test
  void notFoundAndForbiddenExplainLikelyCauses() {
    server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"Package not found.\"}").build());
    server.enqueue(new MockResponse.Builder().code(403).body("not json").build());

    GitHubApiException notFound = assertThrows(GitHubApiException.class,
        () -> gh.listVersions(PackageOwner.org("octo"), "missing"));
    GitHubApiException forbidden = assertThrows(GitHubApiException.class,
        () -> gh.listVersions(PackageOwner.org("octo"), "secret"));

    assertEquals("Package not found.", notFound.gitHubMessage());
    assertTrue(notFound.getMessage().contains("cannot see it"), notFound.getMessage());
    assertNull(forbidden.gitHubMessage());
    assertTrue(forbidden.getMessage().contains("read:packages"), forbidden.getMessage());
  }

  @Test
  void secondaryRateLimitsAndA429AreRetriedWithinTheCapsThenReportedAsRateLimiting() throws Exception {
    List<java.time.Duration> sleeps = new java.util.ArrayList<>();
    GitHubPackages patient = GitHubPackages.builder().apiUrl(server.url("/").toString()).token(TOKEN)
        .retryPolicy(dev.berth.core.remote.RetryPolicy.defaults().withSleeper(sleeps::add)).build();
    String secondary = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes"
        + " before you try again.\"}";
    server.enqueue(new MockResponse.Builder().code(403).addHeader("retry-after", "3").body(secondary).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("{}").build());
    server.enqueue(json("[" + version(1, D1, "v1") + "]"));

    assertEquals(1, patient.listVersions(PackageOwner.org("octo"), "base").size());
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(7)), sleeps);

    // Without retry-after or x-ratelimit-reset GitHub asks for at least a minute: past the cap, so the
    // first answer is reported (as rate limiting, not a scope problem) instead of retried quickly.
    server.enqueue(new MockResponse.Builder().code(403).body(secondary).build());
    GitHubApiException e = assertThrows(GitHubApiException.class,
        () -> patient.listVersions(PackageOwner.org("octo"), "base"));
    assertTrue(e.getMessage().contains("rate limit"), e.getMessage());
    assertFalse(e.getMessage().contains("read:packages"), "not a scope problem: " + e.getMessage());
    assertEquals(4, server.getRequestCount());
    assertEquals(2, sleeps.size());
  }

  @Test
  void withoutTokenNoAuthorizationHeaderIsSent() throws Exception {
    GitHubPackages anonymous = GitHubPackages.builder().apiUrl(server.url("/").toString()).build();
    server.enqueue(json("[]"));

    anonymous.listVersions(PackageOwner.user("mona"), "app");

    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }
}

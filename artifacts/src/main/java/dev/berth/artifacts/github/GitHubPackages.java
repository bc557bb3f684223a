package dev.berth.artifacts.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.artifacts.github.internal.GitHubRefusals;
import dev.berth.artifacts.github.internal.ResponseBodies;
import dev.berth.artifacts.internal.JsonDocuments;
import dev.berth.auth.SharedHttpClient;
import dev.berth.core.Digest;
import dev.berth.core.NotFoundException;
import dev.berth.core.remote.LinkPages;
import dev.berth.core.remote.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A small client for GitHub's packages REST API, for container packages on ghcr.io. ghcr.io refuses
 * registry-API deletes (405 {@code UNSUPPORTED}) and has no catalog; listing and deleting versions go
 * through this API instead.
 *
 * <pre>{@code
 * GitHubPackages gh = GitHubPackages.builder().token(System.getenv("GITHUB_TOKEN")).build();
 * for (PackageVersion v : gh.listVersions(PackageOwner.org("octo"), "tools/base")) {
 *   System.out.println(v.name() + " " + v.tags());
 * }
 * gh.deleteVersionByTag(PackageOwner.org("octo"), "tools/base", "pr-42");
 * }</pre>
 *
 * <p>Nested package names ({@code tools/base}, as in {@code ghcr.io/octo/tools/base}) are sent
 * URL-encoded ({@code tools%2Fbase}) as the API requires. Listing follows the {@code Link: rel="next"}
 * pages to the end. The token travels as {@code Authorization: Bearer} to the API host only and never
 * appears in a message or {@code toString()}. Tokens need {@code read:packages}, and
 * {@code delete:packages} to delete.
 *
 * <p>Rate limits are waited out through the {@link RetryPolicy}'s interceptor, as the registry client
 * does: a 429, or a 403 that is GitHub's primary limit ({@code x-ratelimit-remaining: 0}, waited until
 * {@code x-ratelimit-reset}) or secondary limit ({@code retry-after}, or its message), within the
 * policy's attempts and wait caps; a limit still in force after that is reported with the wait GitHub
 * asked for. Any other 403 is a permission problem and is reported at once, with what GitHub requires.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GitHubPackages {
  /** The API root of github.com; GitHub Enterprise Server uses {@code https://HOST/api/v3}. */
  public static final String DEFAULT_API_URL = "https://api.github.com";
  /** The REST API version these shapes are documented for. */
  public static final String API_VERSION = "2022-11-28";
  private static final String PACKAGE_TYPE = "container";
  /** The largest page GitHub serves; fewer round trips for packages with many versions. */
  private static final int MAX_PAGE_SIZE = 100;
  /** A user's record is small: far less than this. */
  private static final long MAX_USER_BODY = 64 * 1024;
  private static final long MAX_PAGE_BODY = 16L * 1024 * 1024;
  /**
   * At 100 versions a page, a million versions: far beyond any real package, and a bound on what a
   * hostile or broken API host that keeps linking to fresh pages can make a listing cost.
   */
  static final int MAX_PAGES = 10_000;

  private final OkHttpClient http;
  private final HttpUrl apiUrl;
  private final @Nullable String token;
  private final int pageSize;
  private final String userAgent;
  private final GitHubRefusals refusals;

  /** The client API calls go through; for tests that check it shares the default pool. */
  OkHttpClient http() {
    return http;
  }

  private GitHubPackages(Builder b) {
    // Rate limits (GitHub's 403 primary and secondary limits, 429 with Retry-After) and 5xx are retried
    // within the policy's caps, as the registry client does.
    this.http = (b.http != null ? b.http : SharedHttpClient.get()).newBuilder()
        .addInterceptor(b.retry.interceptor()).build();
    this.apiUrl = b.apiUrl;
    this.token = b.token;
    this.pageSize = b.pageSize;
    this.userAgent = b.userAgent;
    this.refusals = new GitHubRefusals(b.token != null, b.tokenSource, b.retry);
  }

  /** A builder for github.com with no token. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every version of a container package, newest first as GitHub orders them, following pagination.
   *
   * @param packageName the package name, e.g. {@code base} or nested {@code tools/base}
   * @throws GitHubApiException when GitHub refuses (404 when the package does not exist or the token
   *     cannot see it)
   */
  public List<PackageVersion> listVersions(PackageOwner owner, String packageName) throws IOException {
    return listVersions(owner, packageName, false);
  }

  /**
   * Like {@link #listVersions(PackageOwner, String)}; with {@code deleted}, the versions deleted in the
   * last 30 days instead, which {@link #restoreVersion} can bring back.
   */
  public List<PackageVersion> listVersions(PackageOwner owner, String packageName, boolean deleted)
      throws IOException {
    HttpUrl.Builder first = versionsUrl(owner, packageName).newBuilder()
        .addQueryParameter("per_page", Integer.toString(pageSize));
    if (deleted) {
      first.addQueryParameter("state", "deleted");
    }
    List<PackageVersion> out = new ArrayList<>();
    LinkPages.follow(first.build(), MAX_PAGES, "the versions of " + packageName, url -> {
      try (Response response = execute(request(url).get().build())) {
        refusals.check(response, "GET", url);
        JsonNode page = JsonDocuments.tree(ResponseBodies.readBounded(response, MAX_PAGE_BODY, "GET " + url));
        if (!page.isArray()) {
          throw new IOException("GET " + url + ": expected a JSON array of package versions");
        }
        page.forEach(v -> out.add(parseVersion(v)));
        // A link off the API origin would carry the token elsewhere: refused.
        return LinkPages.nextPage(response, url, "GET " + url);
      }
    });
    return out;
  }

  /** The version {@code tag} points at, if any. */
  public Optional<PackageVersion> findVersionByTag(PackageOwner owner, String packageName, String tag)
      throws IOException {
    Objects.requireNonNull(tag, "tag");
    return find(owner, packageName, v -> v.hasTag(tag));
  }

  /** The version whose manifest has this digest, if any. */
  public Optional<PackageVersion> findVersionByDigest(PackageOwner owner, String packageName, Digest digest)
      throws IOException {
    String name = digest.toString();
    return find(owner, packageName, v -> v.name().equals(name));
  }

  /**
   * Deletes the version {@code tag} points at. A version is one manifest, so this removes every tag it
   * has, not only {@code tag}; the version is returned so callers can report them.
   *
   * @throws NotFoundException when no version has that tag
   * @throws GitHubApiException when GitHub refuses (for example the last version of a package, which
   *     only deleting the package itself removes)
   */
  public PackageVersion deleteVersionByTag(PackageOwner owner, String packageName, String tag) throws IOException {
    PackageVersion v = findVersionByTag(owner, packageName, tag).orElseThrow(() -> new NotFoundException(
        "no version of container package " + packageName + " of " + owner + " has tag " + tag));
    deleteVersion(owner, packageName, v.id());
    return v;
  }

  /**
   * Deletes the version whose manifest has {@code digest}, with all its tags.
   *
   * @throws NotFoundException when no version has that digest
   */
  public PackageVersion deleteVersionByDigest(PackageOwner owner, String packageName, Digest digest)
      throws IOException {
    PackageVersion v = findVersionByDigest(owner, packageName, digest).orElseThrow(() -> new NotFoundException(
        "no version of container package " + packageName + " of " + owner + " has digest " + digest));
    deleteVersion(owner, packageName, v.id());
    return v;
  }

  /**
   * Deletes a version by its id ({@link PackageVersion#id()}). GitHub needs admin on the package and a
   * token with {@code read:packages} and {@code delete:packages}; it keeps a public version downloaded
   * more than 5,000 times, and refuses to delete a package's last tagged version (delete the package).
   */
  public void deleteVersion(PackageOwner owner, String packageName, long versionId) throws IOException {
    HttpUrl url = versionsUrl(owner, packageName).newBuilder().addPathSegment(Long.toString(versionId)).build();
    send(request(url).delete().build(), "DELETE", url);
  }

  /**
   * Restores a version deleted in the last 30 days (see {@link #listVersions(PackageOwner, String,
   * boolean)}); needs admin on the package and {@code read:packages} with {@code write:packages}.
   */
  public void restoreVersion(PackageOwner owner, String packageName, long versionId) throws IOException {
    HttpUrl url = versionsUrl(owner, packageName).newBuilder().addPathSegment(Long.toString(versionId))
        .addPathSegment("restore").build();
    send(request(url).post(RequestBody.create(new byte[0])).build(), "POST", url);
  }

  /** Deletes a whole package with every version; like deleting a version, it needs admin and delete:packages. */
  public void deletePackage(PackageOwner owner, String packageName) throws IOException {
    HttpUrl url = packageUrl(owner, packageName);
    send(request(url).delete().build(), "DELETE", url);
  }

  /** Restores a package deleted in the last 30 days, when its name has not been taken again since. */
  public void restorePackage(PackageOwner owner, String packageName) throws IOException {
    HttpUrl url = packageUrl(owner, packageName).newBuilder().addPathSegment("restore").build();
    send(request(url).post(RequestBody.create(new byte[0])).build(), "POST", url);
  }

  /**
   * Who {@code login} is: an organisation or a user ({@code GET /users/LOGIN} answers both, with its
   * {@code type}), which decides the REST paths of its packages.
   */
  public PackageOwner ownerOf(String login) throws IOException {
    HttpUrl url = apiUrl.newBuilder().addPathSegment("users").addPathSegment(login).build();
    try (Response response = execute(request(url).get().build())) {
      refusals.check(response, "GET", url);
      JsonNode user = JsonDocuments.tree(ResponseBodies.readBounded(response, MAX_USER_BODY, "GET " + url));
      String type = user == null ? "" : user.path("type").asText("");
      return "Organization".equals(type) ? PackageOwner.org(login) : PackageOwner.user(login);
    }
  }

  private void send(Request request, String method, HttpUrl url) throws IOException {
    try (Response response = execute(request)) {
      refusals.check(response, method, url);
    }
  }

  /** Sends {@code request}; rate limits and transient failures are retried by the client's interceptor. */
  private Response execute(Request request) throws IOException {
    return http.newCall(request).execute();
  }

  private Optional<PackageVersion> find(PackageOwner owner, String packageName, Predicate<PackageVersion> match)
      throws IOException {
    return listVersions(owner, packageName).stream().filter(match).findFirst();
  }

  private HttpUrl versionsUrl(PackageOwner owner, String packageName) {
    return packageUrl(owner, packageName).newBuilder().addPathSegment("versions").build();
  }

  private HttpUrl packageUrl(PackageOwner owner, String packageName) {
    Objects.requireNonNull(owner, "owner");
    if (packageName == null || packageName.isBlank()) {
      throw new IllegalArgumentException("package name must not be blank");
    }
    // addPathSegment encodes '/' as %2F: the API takes a nested name as one segment.
    return owner.appendTo(apiUrl.newBuilder())
        .addPathSegment("packages")
        .addPathSegment(PACKAGE_TYPE)
        .addPathSegment(packageName)
        .build();
  }

  private Request.Builder request(HttpUrl url) {
    Request.Builder r = new Request.Builder().url(url)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION);
    if (userAgent != null) {
      r.header("User-Agent", userAgent);
    }
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return r;
  }

  private static PackageVersion parseVersion(JsonNode v) {
    List<String> tags = new ArrayList<>();
    v.path("metadata").path("container").path("tags").forEach(t -> tags.add(t.asText()));
    return new PackageVersion(v.path("id").asLong(), v.path("name").asText(null), tags,
        text(v, "created_at"), text(v, "updated_at"), text(v, "html_url"));
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode f = node.get(field);
    return f == null || f.isNull() ? null : f.asText();
  }

  @Override
  public String toString() {
    return "GitHubPackages{" + apiUrl + (token != null ? ", token set" : ", no token") + "}";
  }

  /** Configures a {@link GitHubPackages}. Not thread-safe. */
  public static final class Builder {
    private @Nullable OkHttpClient http;
    private HttpUrl apiUrl = HttpUrl.get(DEFAULT_API_URL);
    private @Nullable String token;
    private int pageSize = MAX_PAGE_SIZE;
    private String userAgent = "berth";
    private @Nullable String tokenSource;
    private RetryPolicy retry = RetryPolicy.defaults();

    private Builder() {}

    /** The token (a PAT or {@code GITHUB_TOKEN}), sent as {@code Authorization: Bearer}. */
    public Builder token(String value) {
      this.token = value == null || value.isBlank() ? null : value.trim();
      return this;
    }

    /**
     * The token, with where it came from as refusals should name it, e.g. {@code "from GITHUB_TOKEN"}
     * (never the token itself).
     */
    public Builder token(String value, String source) {
      this.tokenSource = source;
      return token(value);
    }

    /**
     * How refused or failed requests are retried (default {@link RetryPolicy#defaults()}): 5xx, 429 and
     * GitHub's rate-limit 403s, within the policy's caps on attempts and waits.
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The API root, e.g. {@code https://ghe.example.com/api/v3}; defaults to {@link #DEFAULT_API_URL}. */
    public Builder apiUrl(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("API URL \"" + url + "\" is not an http(s) URL");
      }
      // Strip a trailing slash so segments append after the root rather than after an empty one.
      List<String> segments = parsed.pathSegments();
      if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
        parsed = parsed.newBuilder().removePathSegment(segments.size() - 1).build();
      }
      this.apiUrl = parsed;
      return this;
    }

    /** The OkHttp client to derive from (timeouts, proxy, interceptors); a default one otherwise. */
    public Builder okHttpClient(OkHttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Versions per page, 1 to 100 (default 100). */
    public Builder pageSize(int size) {
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ", got " + size);
      }
      this.pageSize = size;
      return this;
    }

    /** The User-Agent GitHub requires on every request; defaults to {@code berth}. */
    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    /** A client with these settings. */
    public GitHubPackages build() {
      return new GitHubPackages(this);
    }
  }
}

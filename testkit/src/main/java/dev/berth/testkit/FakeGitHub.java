package dev.berth.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for GitHub's packages REST API (container packages), behaving as GitHub's
 * documentation and the answers other clients report describe it: {@code /user}, {@code /users/LOGIN}
 * and {@code /orgs/ORG} paths; nested package names as one {@code %2F}-encoded segment; versions
 * newest first, {@code per_page} (at most 100) and {@code page} with a {@code Link} header ({@code next},
 * {@code last}); {@code state=deleted}; deleting and restoring versions and packages; a 400 for the last
 * tagged version and for a public version with more than 5,000 downloads; 401 for an unknown token;
 * 403 "Resource not accessible by integration" for a token without admin on the package; 400 for a
 * missing {@code X-GitHub-Api-Version}. Rate limits are queued by the test ({@link #limitNext}).
 *
 * <p>Thread-safe; each request is recorded as its method and raw path with query.
 */
public final class FakeGitHub implements AutoCloseable {
  /** What the API answers when the next request hits a limit. */
  public enum Limit {
    /** 403, {@code x-ratelimit-remaining: 0}, reset 2 s from now. */
    PRIMARY,
    /** 403, "You have exceeded a secondary rate limit", {@code retry-after: 1}. */
    SECONDARY_RETRY_AFTER,
    /** 403, "You have exceeded a secondary rate limit", no time at all. */
    SECONDARY_NO_HEADERS,
    /** 429 with {@code retry-after: 1}. */
    TOO_MANY_REQUESTS,
    /** 403, a secondary limit asking for an hour. */
    SECONDARY_ONE_HOUR
  }

  /** One version as the fake holds it. */
  public static final class Version {
    final long id;
    final String digest;
    final List<String> tags;
    final Instant created;
    long downloads;
    boolean deleted;

    Version(long id, String digest, List<String> tags, Instant created) {
      this.id = id;
      this.digest = digest;
      this.tags = List.copyOf(tags);
      this.created = created;
    }

    /** The version id. */
    public long id() {
      return id;
    }

    /** Whether the version is deleted (restorable). */
    public boolean deleted() {
      return deleted;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, String> ownerTypes = new HashMap<>();
  private final Map<String, List<Version>> packages = new LinkedHashMap<>();
  private final Map<String, Boolean> deletedPackages = new HashMap<>();
  private final Map<String, Boolean> publicPackages = new HashMap<>();
  private final Map<String, Holder> tokens = new HashMap<>();

  /** Whom a token belongs to, and whether it may delete and restore. */
  private record Holder(String login, boolean admin) {}
  private final Deque<Limit> limits = new ArrayDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private long nextId = 1000;

  private FakeGitHub(HttpServer server) {
    this.server = server;
  }

  /** Starts the fake on a free loopback port. */
  public static FakeGitHub start() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeGitHub fake = new FakeGitHub(s);
      s.createContext("/", fake::handle);
      s.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake GitHub API", e);
    }
  }

  /** The API root, e.g. {@code http://127.0.0.1:PORT}. */
  public String apiUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** Declares {@code login} an organisation. */
  public synchronized FakeGitHub org(String login) {
    ownerTypes.put(login, "Organization");
    return this;
  }

  /** Declares {@code login} a user. */
  public synchronized FakeGitHub user(String login) {
    ownerTypes.put(login, "User");
    return this;
  }

  /**
   * Accepts {@code token} as {@code login}'s ({@code /user} means that login); {@code admin} decides
   * whether it may delete and restore.
   */
  public synchronized FakeGitHub token(String token, String login, boolean admin) {
    tokens.put(token, new Holder(login, admin));
    return this;
  }

  /** Adds a version to {@code owner}'s package {@code name}; versions are listed newest first. */
  public synchronized Version version(String owner, String name, String digest, Instant created, String... tags) {
    Version v = new Version(nextId++, digest, List.of(tags), created);
    packages.computeIfAbsent(owner + "/" + name, k -> new ArrayList<>()).add(v);
    return v;
  }

  /** Makes the package public, with {@code downloads} for {@code v}. */
  public synchronized void publicWithDownloads(String owner, String name, Version v, long downloads) {
    publicPackages.put(owner + "/" + name, true);
    v.downloads = downloads;
  }

  /** The next requests hit these limits, one each, in order. */
  public synchronized void limitNext(Limit... next) {
    limits.addAll(List.of(next));
  }

  /** Every request so far, as {@code METHOD /path?query}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Whether the package itself is deleted. */
  public synchronized boolean packageDeleted(String owner, String name) {
    return deletedPackages.getOrDefault(owner + "/" + name, false);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String rawPath = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      requests.add(ex.getRequestMethod() + " " + rawPath + (query == null ? "" : "?" + query));
      synchronized (this) {
        answer(ex, rawPath, query == null ? "" : query);
      }
    }
  }

  private void answer(HttpExchange ex, String rawPath, String query) throws IOException {
    if (!"2022-11-28".equals(ex.getRequestHeaders().getFirst("X-GitHub-Api-Version"))) {
      send(ex, 400, message("Missing or unsupported X-GitHub-Api-Version"), Map.of());
      return;
    }
    Limit limit = limits.poll();
    if (limit != null) {
      sendLimit(ex, limit);
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    Holder holder = null;
    if (auth != null) {
      holder = auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
      if (holder == null) {
        send(ex, 401, message("Bad credentials"), Map.of());
        return;
      }
    }
    Boolean admin = holder == null ? null : holder.admin();
    String[] seg = rawPath.substring(1).split("/");
    if (seg.length == 2 && seg[0].equals("users")) {
      String type = ownerTypes.get(seg[1]);
      if (type == null) {
        send(ex, 404, message("Not Found"), Map.of());
      } else {
        send(ex, 200, JSON.createObjectNode().put("login", seg[1]).put("type", type).toString(), Map.of());
      }
      return;
    }
    // user/packages/container/NAME..., users/LOGIN/packages/..., orgs/ORG/packages/...
    int p = seg[0].equals("user") ? 1 : 2;
    if (seg.length < p + 3 || !seg[p].equals("packages") || !seg[p + 1].equals("container") || admin == null) {
      send(ex, admin == null ? 401 : 404, message(admin == null ? "Requires authentication" : "Not Found"), Map.of());
      return;
    }
    String owner = p == 1 ? holder.login() : seg[1];
    String name = URLDecoder.decode(seg[p + 2], StandardCharsets.UTF_8);
    String key = owner + "/" + name;
    List<Version> versions = packages.get(key);
    if (versions == null) {
      send(ex, 404, message("Package not found."), Map.of());
      return;
    }
    List<String> rest = List.of(seg).subList(p + 3, seg.length);
    String method = ex.getRequestMethod();
    boolean mutating = !method.equals("GET");
    if (mutating && !admin) {
      send(ex, 403, message("Resource not accessible by integration"), Map.of());
      return;
    }
    if (rest.isEmpty() && method.equals("DELETE")) {
      deletedPackages.put(key, true);
      send(ex, 204, null, Map.of());
    } else if (rest.equals(List.of("restore")) && method.equals("POST")) {
      deletedPackages.put(key, false);
      send(ex, 204, null, Map.of());
    } else if (rest.equals(List.of("versions")) && method.equals("GET")) {
      list(ex, rawPath, query, owner, name, versions);
    } else if (rest.size() >= 2 && rest.get(0).equals("versions")) {
      Version v = versions.stream().filter(x -> Long.toString(x.id).equals(rest.get(1))).findFirst().orElse(null);
      if (v == null) {
        send(ex, 404, message("Package version not found."), Map.of());
      } else if (rest.size() == 2 && method.equals("DELETE")) {
        delete(ex, key, versions, v);
      } else if (rest.size() == 3 && rest.get(2).equals("restore") && method.equals("POST")) {
        v.deleted = false;
        send(ex, 204, null, Map.of());
      } else {
        send(ex, 404, message("Not Found"), Map.of());
      }
    } else {
      send(ex, 404, message("Not Found"), Map.of());
    }
  }

  private void delete(HttpExchange ex, String key, List<Version> versions, Version v) throws IOException {
    if (publicPackages.getOrDefault(key, false) && v.downloads > 5000) {
      send(ex, 400, message("Publicly visible package versions with more than 5000 downloads cannot be deleted."
          + " Contact GitHub support for further assistance."), Map.of());
      return;
    }
    long taggedLeft = versions.stream().filter(x -> !x.deleted && !x.tags.isEmpty()).count();
    if (!v.tags.isEmpty() && taggedLeft == 1) {
      send(ex, 400, message("You cannot delete the last tagged version of a package. You must delete the"
          + " package instead."), Map.of());
      return;
    }
    v.deleted = true;
    send(ex, 204, null, Map.of());
  }

  private void list(HttpExchange ex, String rawPath, String query, String owner, String name, List<Version> all)
      throws IOException {
    Map<String, String> q = parseQuery(query);
    int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    boolean wantDeleted = "deleted".equals(q.get("state"));
    List<Version> matching = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) { // newest first
      if (all.get(i).deleted == wantDeleted) {
        matching.add(all.get(i));
      }
    }
    int pages = Math.max(1, (matching.size() + perPage - 1) / perPage);
    ArrayNode out = JSON.createArrayNode();
    for (int i = (page - 1) * perPage; i < Math.min(matching.size(), page * perPage); i++) {
      out.add(json(matching.get(i), owner, name));
    }
    Map<String, String> headers = new HashMap<>();
    if (pages > 1) {
      String base = apiUrl() + rawPath + "?per_page=" + perPage + (wantDeleted ? "&state=deleted" : "") + "&page=";
      StringBuilder link = new StringBuilder();
      if (page < pages) {
        link.append('<').append(base).append(page + 1).append(">; rel=\"next\", ");
      }
      link.append('<').append(base).append(pages).append(">; rel=\"last\"");
      headers.put("Link", link.toString());
    }
    send(ex, 200, out.toString(), headers);
  }

  private ObjectNode json(Version v, String owner, String name) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", v.id).put("name", v.digest)
        .put("url", apiUrl() + "/orgs/" + owner + "/packages/container/" + name + "/versions/" + v.id)
        .put("package_html_url", "https://github.com/" + owner + "/packages/container/package/" + name)
        .put("created_at", v.created.toString()).put("updated_at", v.created.toString())
        .put("html_url", "https://github.com/" + owner + "/packages/container/" + name + "/" + v.id);
    ArrayNode tags = n.putObject("metadata").put("package_type", "container").putObject("container").putArray("tags");
    v.tags.forEach(tags::add);
    return n;
  }

  private void sendLimit(HttpExchange ex, Limit limit) throws IOException {
    String secondary = message("You have exceeded a secondary rate limit. Please wait a few minutes before you"
        + " try again.");
    switch (limit) {
      case PRIMARY -> send(ex, 403, message("API rate limit exceeded for user ID 1."), Map.of(
          "x-ratelimit-remaining", "0", "x-ratelimit-limit", "5000",
          "x-ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + 2)));
      case SECONDARY_RETRY_AFTER -> send(ex, 403, secondary, Map.of("retry-after", "1"));
      case SECONDARY_NO_HEADERS -> send(ex, 403, secondary, Map.of());
      case TOO_MANY_REQUESTS -> send(ex, 429, message("Too many requests"), Map.of("retry-after", "1"));
      case SECONDARY_ONE_HOUR -> send(ex, 403, secondary, Map.of("retry-after", "3600"));
    }
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String message(String text) {
    return JSON.createObjectNode().put("message", text)
        .put("documentation_url", "https://docs.github.com/rest/packages/packages").toString();
  }

  private static void send(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}

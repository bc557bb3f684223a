package dev.berth.testkit;

import static dev.berth.testkit.TokenEndpointWire.errorBody;
import static dev.berth.testkit.TokenEndpointWire.first;
import static dev.berth.testkit.TokenEndpointWire.json;
import static dev.berth.testkit.TokenEndpointWire.oauthError;
import static dev.berth.testkit.TokenEndpointWire.parseForm;
import static dev.berth.testkit.TokenEndpointWire.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process Docker token authorization server, the kind a registry's {@code Bearer realm=...}
 * challenge points at, implementing both the docker token spec ({@code GET realm?service=&scope=...} with
 * optional Basic credentials) and the docker OAuth2 token spec (POST form with
 * {@code grant_type=password} or {@code refresh_token}).
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.create();
 *      TokenServer tokens = TokenServer.builder().pki(pki).user("alice", "secret")
 *          .grant("alice", "team/*", "pull", "push").anonymousGrant("public/*", "pull").start();
 *      RegistryServer registry = RegistryServer.builder().tokenAuth(tokens).start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Tokens are JWTs signed by {@link TestPki#tokenSigningKey()} with the certificate in the
 * {@code x5c} header, as distribution 2.8 requires. Each request is granted the intersection of the
 * scopes it asks for and what the user (or anonymous) is allowed, so partial grants happen just as
 * on real registries. Wrong credentials get 401. With {@link TokenServerBuilder#oauth2(boolean)
 * oauth2(false)} POST answers 405, as ghcr.io does. Every request is recorded for assertions.
 */
public final class TokenServer implements AutoCloseable {
  /** Path of the token endpoint below {@link #realm()}'s origin. */
  public static final String PATH = "/token";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean tls;
  private final String issuer;
  private final String service;
  private final long expiresInSeconds;
  private final boolean oauth2;
  private final boolean requireAuthentication;
  private final Map<String, String> users;
  private final AccessPolicy policy;
  private final TestPki.SigningKey signingKey;
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> injectedFailures = new ConcurrentLinkedQueue<>();

  TokenServer(TokenServerBuilder b) throws IOException {
    this.tls = b.tls;
    this.issuer = b.issuer;
    this.service = b.service;
    this.expiresInSeconds = b.expiresInSeconds;
    this.oauth2 = b.oauth2;
    this.requireAuthentication = b.requireAuthentication;
    this.users = Map.copyOf(b.users);
    this.policy = b.policy;
    this.signingKey = b.pki.tokenSigningKey();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(
          b.pki.issueServerCertificate("127.0.0.1", "localhost").serverSslContext()));
      server = https;
    } else {
      server = HttpServer.create(address, 0);
    }
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "berth-token-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
  }

  /** A builder; {@link TokenServerBuilder#pki(TestPki)} is required. */
  public static TokenServerBuilder builder() {
    return new TokenServerBuilder();
  }

  /** The token endpoint URL, e.g. {@code http://127.0.0.1:PORT/token}. */
  public String realm() {
    return (tls ? "https://" : "http://") + "127.0.0.1:" + port() + PATH;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The {@code iss} claim; the registry's {@code auth.token.issuer}. */
  public String issuer() {
    return issuer;
  }

  /** The service name, the {@code aud} claim; the registry's {@code auth.token.service}. */
  public String service() {
    return service;
  }

  /** PEM file of the signing certificate; the registry's {@code auth.token.rootcertbundle}. */
  public Path rootCertBundleFile() {
    return signingKey.certificatePemFile();
  }

  /** How many token requests (GET and POST, successful or not) arrived so far. */
  public int tokenRequests() {
    return requests.size();
  }

  /** Every token request so far, oldest first. */
  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /**
   * Allows {@code user} more, from now on (tokens already issued keep what they carry); see
   * {@link TokenServerBuilder#grant}. A null user means anonymous.
   */
  public void grant(String user, String repositoryGlob, String... actions) {
    policy.allow(user, "repository", repositoryGlob, actions);
  }

  /** Removes every grant of {@code user} (null: the anonymous grants), from now on. */
  public void revokeAll(String user) {
    policy.revokeAll(user);
  }

  /** Makes the next token request answer {@code status} (e.g. 500) instead of a token; queues up. */
  public void failNextRequest(int status) {
    injectedFailures.add(status);
  }

  /**
   * Signs a token for {@code subject} (empty for anonymous) granting exactly {@code access},
   * bypassing the policy; for tests that need a token without the HTTP round trip.
   */
  public String issueToken(String subject, List<ResourceScope> access) {
    return issue(subject, access, Instant.now());
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "TokenServer[" + realm() + "]";
  }

  /**
   * One request the token server answered.
   *
   * @param method GET or POST
   * @param grantType for POST the OAuth2 {@code grant_type}, for GET null
   * @param requestedScopes the scopes asked for, as sent
   * @param user the authenticated user, or null when anonymous or when authentication failed
   * @param authenticated whether credentials (Basic, password or refresh token) were presented
   * @param status the HTTP status of the answer
   * @param granted the scopes granted (empty unless status is 200)
   */
  public record TokenRequest(String method, String grantType, List<String> requestedScopes, String user,
      boolean authenticated, int status, List<ResourceScope> granted) {}

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      Injected failure = takeFailure();
      if (method.equals("GET")) {
        handleGet(exchange, failure);
      } else if (method.equals("POST")) {
        handlePost(exchange, failure);
      } else {
        respond(exchange, 405, errorBody("UNSUPPORTED", "method not allowed"));
      }
    } catch (RuntimeException e) {
      // Keep the server alive for the next test step; the client sees a 500.
      respond(exchange, 500, errorBody("INTERNAL", e.getClass().getSimpleName()));
    }
  }

  private record Injected(int status) {}

  private Injected takeFailure() {
    Integer status = injectedFailures.poll();
    return status == null ? null : new Injected(status);
  }

  private void handleGet(HttpExchange exchange, Injected failure) throws IOException {
    Map<String, List<String>> query = parseForm(exchange.getRequestURI().getRawQuery());
    List<String> scopes = query.getOrDefault("scope", List.of());
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    boolean presented = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    String user = presented ? basicUser(authorization.substring(6).trim()) : null;
    if (failure != null) {
      record(exchange, null, scopes, null, presented, failure.status(), List.of());
      respond(exchange, failure.status(), errorBody("INJECTED", "failure injected by the test"));
      return;
    }
    if (presented ? user == null : requireAuthentication) {
      record(exchange, null, scopes, null, presented, 401, List.of());
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + issuer + "\"");
      respond(exchange, 401, errorBody("UNAUTHORIZED",
          presented ? "incorrect username or password" : "authentication required"));
      return;
    }
    if (!serviceMatches(first(query, "service"))) {
      record(exchange, null, scopes, user, presented, 400, List.of());
      respond(exchange, 400, errorBody("DENIED", "unknown service"));
      return;
    }
    List<ResourceScope> granted;
    try {
      granted = policy.grant(user, ResourceScope.parseAll(scopes));
    } catch (IllegalArgumentException e) {
      record(exchange, null, scopes, user, presented, 400, List.of());
      respond(exchange, 400, errorBody("DENIED", e.getMessage()));
      return;
    }
    Instant now = Instant.now();
    String token = issue(user == null ? "" : user, granted, now);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", expiresInSeconds);
    body.put("issued_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
    if (user != null && "true".equals(first(query, "offline_token"))) {
      body.put("refresh_token", newRefreshToken(user));
    }
    record(exchange, null, scopes, user, presented, 200, granted);
    respond(exchange, 200, json(body));
  }

  private void handlePost(HttpExchange exchange, Injected failure) throws IOException {
    byte[] raw;
    try (InputStream in = exchange.getRequestBody()) {
      raw = in.readAllBytes();
    }
    Map<String, List<String>> form = parseForm(new String(raw, StandardCharsets.UTF_8));
    String grantType = first(form, "grant_type");
    List<String> scopes = form.getOrDefault("scope", List.of());
    if (!oauth2) {
      record(exchange, grantType, scopes, null, false, 405, List.of());
      exchange.getResponseHeaders().add("Allow", "GET");
      respond(exchange, 405, errorBody("UNSUPPORTED", "POST is not supported by this token server"));
      return;
    }
    if (failure != null) {
      record(exchange, grantType, scopes, null, false, failure.status(), List.of());
      respond(exchange, failure.status(), errorBody("INJECTED", "failure injected by the test"));
      return;
    }
    String user;
    String refreshToken = null;
    if ("password".equals(grantType)) {
      String name = first(form, "username");
      String password = first(form, "password");
      user = name != null && password != null && password.equals(users.get(name)) ? name : null;
      if (user != null && "offline".equals(first(form, "access_type"))) {
        refreshToken = newRefreshToken(user);
      }
    } else if ("refresh_token".equals(grantType)) {
      refreshToken = first(form, "refresh_token");
      user = refreshToken == null ? null : refreshTokens.get(refreshToken);
    } else {
      record(exchange, grantType, scopes, null, false, 400, List.of());
      respond(exchange, 400, oauthError("unsupported_grant_type"));
      return;
    }
    if (user == null) {
      record(exchange, grantType, scopes, null, true, 401, List.of());
      respond(exchange, 401, oauthError("invalid_grant"));
      return;
    }
    if (!serviceMatches(first(form, "service"))) {
      record(exchange, grantType, scopes, user, true, 400, List.of());
      respond(exchange, 400, oauthError("invalid_request"));
      return;
    }
    List<ResourceScope> granted;
    try {
      granted = policy.grant(user, ResourceScope.parseAll(scopes));
    } catch (IllegalArgumentException e) {
      record(exchange, grantType, scopes, user, true, 400, List.of());
      respond(exchange, 400, oauthError("invalid_scope"));
      return;
    }
    Instant now = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issue(user, granted, now));
    body.put("scope", String.join(" ", granted.stream().map(ResourceScope::toString).toList()));
    body.put("expires_in", expiresInSeconds);
    body.put("issued_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    record(exchange, grantType, scopes, user, true, 200, granted);
    respond(exchange, 200, json(body));
  }

  private String issue(String subject, List<ResourceScope> access, Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", service);
    claims.put("exp", now.getEpochSecond() + expiresInSeconds);
    claims.put("nbf", now.getEpochSecond() - 1);
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", randomToken(16));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ResourceScope scope : access) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", scope.type());
      entry.put("name", scope.name());
      entry.put("actions", List.copyOf(scope.actions()));
      entries.add(entry);
    }
    claims.put("access", entries);
    return Jwt.sign(signingKey, claims);
  }

  private String newRefreshToken(String user) {
    String token = randomToken(24);
    refreshTokens.put(token, user);
    return token;
  }

  private boolean serviceMatches(String requested) {
    // ghcr.io and others accept a missing service; only a different one is an error.
    return requested == null || requested.equals(service);
  }

  private String basicUser(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String name = decoded.substring(0, colon);
    return decoded.substring(colon + 1).equals(users.get(name)) ? name : null;
  }

  private void record(HttpExchange exchange, String grantType, List<String> scopes, String user,
      boolean authenticated, int status, List<ResourceScope> granted) {
    requests.add(new TokenRequest(exchange.getRequestMethod(), grantType, List.copyOf(scopes), user,
        authenticated, status, List.copyOf(granted)));
  }

  private static String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}

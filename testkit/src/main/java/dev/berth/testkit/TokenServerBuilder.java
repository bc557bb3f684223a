package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configures a {@link TokenServer}; made by {@link TokenServer#builder()}. */
public final class TokenServerBuilder {
  TestPki pki;
  boolean tls;
  String issuer = "berth-test";
  String service = "berth-registry";
  long expiresInSeconds = 300;
  boolean oauth2 = true;
  boolean requireAuthentication;
  final Map<String, String> users = new LinkedHashMap<>();
  final AccessPolicy policy = new AccessPolicy();

  TokenServerBuilder() {}

  /** The PKI whose {@link TestPki#tokenSigningKey()} signs tokens (and whose CA serves TLS). Required. */
  public TokenServerBuilder pki(TestPki pki) {
    this.pki = pki;
    return this;
  }

  /** Serve HTTPS with a certificate from the PKI's CA (default plain HTTP). */
  public TokenServerBuilder tls(boolean tls) {
    this.tls = tls;
    return this;
  }

  /** The {@code iss} claim (default {@code berth-test}). */
  public TokenServerBuilder issuer(String issuer) {
    this.issuer = issuer;
    return this;
  }

  /** The service / audience (default {@code berth-registry}). */
  public TokenServerBuilder service(String service) {
    this.service = service;
    return this;
  }

  /** Adds a user who may authenticate with Basic credentials or the OAuth2 password grant. */
  public TokenServerBuilder user(String name, String password) {
    users.put(name, password);
    return this;
  }

  /**
   * Allows {@code user} the {@code actions} (pull, push, delete, or *) on repositories whose name
   * matches {@code repositoryGlob}, where {@code *} matches any characters including slashes.
   */
  public TokenServerBuilder grant(String user, String repositoryGlob, String... actions) {
    policy.allow(user, "repository", repositoryGlob, actions);
    return this;
  }

  /** Like {@link #grant} for any resource type, e.g. {@code ("alice", "registry", "catalog", "*")}. */
  public TokenServerBuilder grantResource(String user, String type, String nameGlob, String... actions) {
    policy.allow(user, type, nameGlob, actions);
    return this;
  }

  /** Allows everyone, with or without credentials, the actions on matching repositories. */
  public TokenServerBuilder anonymousGrant(String repositoryGlob, String... actions) {
    policy.allow(null, "repository", repositoryGlob, actions);
    return this;
  }

  /** Token lifetime (default 300 s). Note distribution 2.8 allows 60 s of clock leeway past expiry. */
  public TokenServerBuilder expiresInSeconds(long seconds) {
    this.expiresInSeconds = seconds;
    return this;
  }

  /** Whether POST (OAuth2) is served; when false POST answers 405 like ghcr.io. Default true. */
  public TokenServerBuilder oauth2(boolean enabled) {
    this.oauth2 = enabled;
    return this;
  }

  /**
   * Whether a GET without credentials is refused with 401 and a Basic challenge instead of
   * getting an anonymous token (default false: anonymous tokens, as Docker Hub and ghcr.io give).
   */
  public TokenServerBuilder requireAuthentication(boolean required) {
    this.requireAuthentication = required;
    return this;
  }

  /** Starts the server on a free loopback port. */
  public TokenServer start() {
    if (pki == null) {
      throw new IllegalStateException("TokenServer.builder().pki(...) is required");
    }
    try {
      return new TokenServer(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start token server", e);
    }
  }
}

package dev.berth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.JsonTrees;
import dev.berth.auth.Scopes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Asks a token endpoint for a bearer token, per the docker token protocol: {@code GET
 * realm?service=S&scope=A&scope=B} anonymously or with HTTP Basic, or the OAuth2 {@code POST} with
 * {@code grant_type=refresh_token} for identity tokens, falling back to GET when the endpoint answers 404 or
 * 405 (ghcr.io's answers 405 to every POST).
 */
public final class TokenFetcher {
  /** The protocol's default when a response has no {@code expires_in}. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  /**
   * How long before expiry a token stops being handed out: enough for clock skew and for a request that
   * starts just before expiry to reach the registry, yet at most a quarter of a short token's life.
   */
  static final Duration MAX_RENEW_MARGIN = Duration.ofSeconds(30);
  /**
   * The longest lifetime believed. Registries hand out tokens for minutes; a larger {@code expires_in}
   * is kept to this so that an absurd one (a hostile {@code 9223372036854775807}) cannot overflow the
   * clock arithmetic, and a cached token is asked for again at least daily.
   */
  static final Duration MAX_LIFETIME = Duration.ofDays(1);
  /**
   * The largest token answer read. Real ones are a few KiB (a JWT with its certificate chain); the
   * answer is read into memory, so a hostile endpoint must not be able to make that unbounded.
   */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;
  private static final String CLIENT_ID = "berth";

  private final OkHttpClient client;
  private final Clock clock;

  public TokenFetcher(OkHttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Fetches a token for {@code scopes} from {@code realm}.
   *
   * @throws AuthenticationException when the endpoint refuses the credentials (401), denies the scopes
   *     (403) or answers something that is not a token
   */
  public Token fetch(HttpUrl realm, String service, Scopes scopes, Credential credential, String host)
      throws IOException {
    if (credential instanceof Credential.IdentityToken identity) {
      Token token = postRefreshToken(realm, service, scopes, identity, host);
      if (token != null) {
        return token;
      }
      String user = identity.username().isEmpty() ? "<token>" : identity.username();
      return get(realm, service, scopes, new Credential.UsernamePassword(user, identity.token()), host);
    }
    return get(realm, service, scopes, credential, host);
  }

  private Token get(HttpUrl realm, String service, Scopes scopes, Credential credential, String host)
      throws IOException {
    HttpUrl.Builder url = realm.newBuilder();
    if (!service.isEmpty()) {
      url.addQueryParameter("service", service);
    }
    for (String scope : scopes.values()) {
      url.addQueryParameter("scope", scope);
    }
    Request.Builder request = new Request.Builder().get();
    if (credential instanceof Credential.UsernamePassword basic) {
      // "account" names the user as the token protocol describes; docker sends it too.
      url.addQueryParameter("account", basic.username());
      request.header("Authorization",
          okhttp3.Credentials.basic(basic.username(), basic.password(), StandardCharsets.UTF_8));
    }
    Instant sent = clock.instant();
    try (Response response = client.newCall(request.url(url.build()).build()).execute()) {
      return parse(response, sent, realm, scopes, credential, host);
    }
  }

  /** Returns null when the endpoint does not do OAuth2 POST (404 or 405), so the caller falls back to GET. */
  private @Nullable Token postRefreshToken(HttpUrl realm, String service, Scopes scopes,
      Credential.IdentityToken identity, String host) throws IOException {
    FormBody.Builder form = new FormBody.Builder()
        .add("grant_type", "refresh_token")
        .add("refresh_token", identity.token())
        .add("client_id", CLIENT_ID);
    if (!service.isEmpty()) {
      form.add("service", service);
    }
    if (!scopes.isEmpty()) {
      form.add("scope", scopes.toString());
    }
    Request request = new Request.Builder().url(realm).post(form.build()).build();
    Instant sent = clock.instant();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() == 404 || response.code() == 405) {
        return null;
      }
      return parse(response, sent, realm, scopes, identity, host);
    }
  }

  private Token parse(Response response, Instant sent, HttpUrl realm, Scopes scopes,
      Credential credential, String host) throws IOException {
    String shownRealm = realm.newBuilder().query(null).build().toString();
    if (response.code() == 401) {
      throw new AuthenticationException(Reason.CREDENTIALS_REFUSED, "token endpoint " + shownRealm
          + (credential.isAnonymous()
              ? " refused anonymous access to " + host + " (credentials are needed)"
              : " refused the credentials for " + host + " (HTTP 401)"));
    }
    if (response.code() == 403) {
      throw AuthenticationException.denied(host, scopes);
    }
    if (!response.isSuccessful()) {
      throw new IOException("token endpoint " + shownRealm + " answered HTTP " + response.code()
          + " for " + host);
    }
    BufferedSource source = response.body().source();
    if (source.request(MAX_RESPONSE_BYTES + 1L)) {
      throw new AuthenticationException(Reason.PROTOCOL, "token endpoint " + shownRealm
          + " answered more than " + MAX_RESPONSE_BYTES + " bytes, more than any token needs");
    }
    JsonNode body;
    try {
      body = JsonTrees.parse(source.getBuffer().readByteArray());
    } catch (IOException e) {
      throw new AuthenticationException(Reason.PROTOCOL,
          "token endpoint " + shownRealm + " answered something that is not JSON");
    }
    // "access_token" is the OAuth2 name, "token" the docker one; the protocol makes them synonyms.
    String value = text(body, "token");
    if (value == null) {
      value = text(body, "access_token");
    }
    if (value == null) {
      throw new AuthenticationException(Reason.PROTOCOL,
          "token endpoint " + shownRealm + " answered without a token");
    }
    Instant expiresAt = expiry(body, sent);
    Duration lifetime = Duration.between(sent, expiresAt);
    Duration margin = lifetime.dividedBy(4).compareTo(MAX_RENEW_MARGIN) < 0
        ? lifetime.dividedBy(4) : MAX_RENEW_MARGIN;
    return new Token(value, expiresAt.minus(margin), expiresAt, granted(value, body));
  }

  /**
   * Returns what the token grants: from the JWT's {@code access} claim, else from the OAuth2 answer's
   * {@code scope} field; null when neither says (opaque tokens such as ghcr.io's).
   */
  private static @Nullable Scopes granted(String token, JsonNode body) {
    Scopes fromJwt = JwtGrants.granted(token);
    if (fromJwt != null) {
      return fromJwt;
    }
    JsonNode scope = body.get("scope");
    if (scope == null || !scope.isTextual()) {
      return null;
    }
    try {
      return Scopes.parse(scope.asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Returns when the token expires: {@code issued_at + expires_in}, measured from when the request was
   * sent. {@code issued_at} is the server's clock; it is believed only when it makes the token expire
   * earlier yet still in the future, since a server clock far behind ours would otherwise make every
   * token look expired on arrival.
   */
  static Instant expiry(JsonNode body, Instant sent) {
    JsonNode expiresIn = body.get("expires_in");
    Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
        ? Duration.ofSeconds(Math.min(expiresIn.asLong(), MAX_LIFETIME.toSeconds())) : DEFAULT_LIFETIME;
    Instant expiresAt = sent.plus(lifetime);
    String issuedAt = text(body, "issued_at");
    if (issuedAt != null) {
      try {
        Instant serverExpiry = OffsetDateTime.parse(issuedAt).toInstant().plus(lifetime);
        if (serverExpiry.isBefore(expiresAt) && serverExpiry.isAfter(sent)) {
          expiresAt = serverExpiry;
        }
      } catch (DateTimeException ignored) {
        // A malformed issued_at is not worth failing a pull over; the local clock serves.
      }
    }
    return expiresAt;
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node != null && node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }
}

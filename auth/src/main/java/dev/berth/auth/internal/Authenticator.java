package dev.berth.auth.internal;

import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.FoundCredential;
import dev.berth.auth.NoAuthentication;
import dev.berth.auth.Scopes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The logic behind {@code AuthInterceptor}: per registry origin it remembers the last challenge, so that
 * a request with scopes it has not seen before fetches its token up front instead of paying a 401 round
 * trip; it answers a 401 by learning the challenge and retrying once; and it caches tokens per
 * (origin, service, scopes).
 *
 * <p>Credentials and tokens are attached only to origins that challenged, and sent only to a realm that
 * {@link RealmPolicy} allows, so a redirect to another host (ghcr.io sends blob downloads to a CDN) or a
 * hostile realm never sees them.
 */
public final class Authenticator {
  /**
   * Auth decisions at DEBUG: challenges learnt, the credential used and where it came from, token
   * fetches. Never a secret. System.Logger: silent unless an embedder turns it on, no dependency.
   */
  private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());
  /** Past this many cached tokens, expired ones are dropped; a client touches few repositories at once. */
  private static final int EVICT_ABOVE = 256;

  private final CredentialProvider credentials;
  private final TokenFetcher fetcher;
  private final Clock clock;
  private final ConcurrentHashMap<Origin, HostAuth> hosts = new ConcurrentHashMap<>();
  private final OnceCache<TokenKey, Token> tokens = new OnceCache<>();
  // Looked up once per host (and repository, for stores with namespace keys): a credential helper is a
  // process start, too slow to run per request.
  private final OnceCache<String, Credential> credentialsByHost = new OnceCache<>();
  // (origin, scopes) answered without a challenge: a one-shot body with the same scopes needs no probe.
  // An upload's PUT follows a HEAD and a POST with its scopes, so a registry without auth costs no /v2/.
  private final Set<OpenScope> open = ConcurrentHashMap.newKeySet();

  /** A registry origin that served a request with these scopes without asking for credentials. */
  private record OpenScope(Origin origin, Scopes scopes) {}

  public Authenticator(CredentialProvider credentials, TokenFetcher fetcher, Clock clock) {
    this.credentials = credentials;
    this.fetcher = fetcher;
    this.clock = clock;
  }

  public Response intercept(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null || request.tag(NoAuthentication.class) != null) {
      return chain.proceed(request); // the caller chose its own authorization, or none at all
    }
    Origin origin = Origin.of(request.url());
    Scopes scopes = Objects.requireNonNullElse(request.tag(Scopes.class), Scopes.empty());
    RequestBody body = request.body();
    boolean replayable = body == null || !body.isOneShot();

    HostAuth known = hosts.get(origin);
    if (known == null && !replayable && !open.contains(new OpenScope(origin, scopes))) {
      // A one-shot body cannot be sent twice, so learn the challenge first rather than waste the body on a 401.
      known = probe(chain, origin);
    }
    Attempt first = known == null ? Attempt.NONE : proactive(known, origin, scopes);
    Response response = chain.proceed(first.apply(request));
    if (response.code() != 401) {
      if (known == null) {
        rememberOpen(origin, scopes);
      }
      return failIfDenied(response, first, origin, scopes);
    }

    List<Challenge> challenges = ChallengeParser.parse(response.headers("WWW-Authenticate"));
    HostAuth learned = learn(response, challenges, origin);
    if (!replayable && first.token() != null && first.key() != null) {
      // The token was refused (it expired mid-operation, or was revoked). The body cannot be sent again,
      // so the 401 goes back to the caller, whose retry from a re-openable source gets a fresh token.
      tokens.invalidate(first.key(), first.token());
    }
    if (learned == null || !replayable) {
      return response;
    }
    Scopes needed = learned instanceof HostAuth.Bearer ? scopes.merge(challengeScopes(challenges)) : scopes;
    Attempt second;
    try {
      second = afterChallenge(learned, origin, needed, first);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    if (second == null) {
      return failIfDenied(response, first, origin, needed);
    }
    response.close();
    return failIfDenied(chain.proceed(second.apply(request)), second, origin, needed);
  }

  private void rememberOpen(Origin origin, Scopes scopes) {
    if (open.size() >= EVICT_ABOVE) {
      open.clear(); // forgetting costs one /v2/ probe at most
    }
    open.add(new OpenScope(origin, scopes));
  }

  private @Nullable HostAuth probe(Interceptor.Chain chain, Origin origin) throws IOException {
    Request ping = new Request.Builder().url(origin.url("/v2/")).get().build();
    try (Response response = chain.proceed(ping)) {
      if (response.code() != 401) {
        hosts.putIfAbsent(origin, new HostAuth.None());
        return hosts.get(origin);
      }
      return learn(response, ChallengeParser.parse(response.headers("WWW-Authenticate")), origin);
    }
  }

  /** Records what the challenges ask for; null when none is a scheme this client answers. */
  private @Nullable HostAuth learn(Response response, List<Challenge> challenges, Origin origin) throws IOException {
    HostAuth learned;
    try {
      learned = HostAuth.from(challenges, origin);
    } catch (AuthenticationException e) {
      response.close();
      throw e;
    }
    if (learned != null) {
      hosts.put(origin, learned);
    }
    LOG.log(System.Logger.Level.DEBUG, () -> origin.registryHost() + " challenged: "
        + (learned == null ? "no scheme berth answers" : learned.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
    return learned;
  }

  /** The authorization for a request to a host whose challenge is already known. */
  private Attempt proactive(HostAuth known, Origin origin, Scopes scopes) throws IOException {
    if (known instanceof HostAuth.Basic) {
      return basic(origin, scopes);
    }
    if (known instanceof HostAuth.Bearer bearer) {
      Credential credential = credential(origin, scopes);
      if (credential instanceof Credential.AccessToken access) {
        return Attempt.header("Bearer " + access.token());
      }
      TokenKey key = new TokenKey(origin, bearer.service(), scopes);
      if (scopes.isEmpty()) {
        // An unscoped request (a ping, a catalog page) fetches nothing up front: its 401 names the scope
        // it needs, and a token for no scope would be one request wasted.
        Token cached = tokens.peek(key, t -> t.needsRenewal(clock.instant()));
        return cached == null ? Attempt.NONE : Attempt.token(key, cached);
      }
      return Attempt.token(key, token(key, bearer, credential));
    }
    return Attempt.NONE;
  }

  /** The authorization to retry with after a 401; null when there is nothing new to try. */
  private @Nullable Attempt afterChallenge(HostAuth learned, Origin origin, Scopes needed, Attempt first)
      throws IOException {
    if (learned instanceof HostAuth.Basic) {
      Attempt basic = basic(origin, needed);
      return basic.sent() && !basic.equals(first) ? basic : null;
    }
    HostAuth.Bearer bearer = (HostAuth.Bearer) learned;
    Credential credential = credential(origin, needed);
    if (credential instanceof Credential.AccessToken access) {
      Attempt attempt = Attempt.header("Bearer " + access.token());
      return attempt.equals(first) ? null : attempt;
    }
    TokenKey key = new TokenKey(origin, bearer.service(), needed);
    if (first.token() != null && key.equals(first.key())) {
      tokens.invalidate(key, first.token()); // refused: revoked, or expired early; fetch a new one
    }
    return Attempt.token(key, token(key, bearer, credential));
  }

  private Attempt basic(Origin origin, Scopes scopes) throws IOException {
    if (credential(origin, scopes) instanceof Credential.UsernamePassword user) {
      return Attempt.header(
          okhttp3.Credentials.basic(user.username(), user.password(), StandardCharsets.UTF_8));
    }
    return Attempt.NONE;
  }

  private Token token(TokenKey key, HostAuth.Bearer bearer, Credential credential) throws IOException {
    if (tokens.size() > EVICT_ABOVE) {
      tokens.evict(t -> t.needsRenewal(clock.instant()));
    }
    String host = key.origin().registryHost();
    return tokens.get(key, t -> t.needsRenewal(clock.instant()), () -> {
      try {
        LOG.log(System.Logger.Level.DEBUG, () -> "fetching a token for " + host + " " + key.scopes().values()
            + (credential.isAnonymous() ? " anonymously" : " with a credential"));
        return fetcher.fetch(bearer.realm(), bearer.service(), key.scopes(), credential, host);
      } catch (AuthenticationException e) {
        if (e.reason() == Reason.CREDENTIALS_REFUSED) {
          // perhaps the user logged in since; read again next time
          credentialsByHost.invalidate(host, credential);
          String repository = repositoryOf(key.scopes());
          if (repository != null) {
            credentialsByHost.invalidate(credentialKey(host, repository), credential);
          }
        }
        throw e;
      }
    });
  }

  private Credential credential(Origin origin, Scopes scopes) throws IOException {
    String host = origin.registryHost();
    String repository = repositoryOf(scopes);
    if (repository != null) {
      Credential namespaced = credentialsByHost.get(credentialKey(host, repository), c -> false, () -> {
        FoundCredential found = credentials.findForNamespace(host, repository);
        logFound(host + "/" + repository, found);
        // NO_NAMESPACE_ENTRY marks "ask the host's credential", so the file is read once per repository
        return found == null || found.isAnonymous() ? NO_NAMESPACE_ENTRY : found.credential();
      });
      if (namespaced != NO_NAMESPACE_ENTRY) {
        return namespaced;
      }
    }
    return credentialsByHost.get(host, c -> false, () -> {
      FoundCredential found = credentials.find(host);
      logFound(host, found);
      return found == null ? Credential.anonymous() : found.credential();
    });
  }

  private static void logFound(String where, @Nullable FoundCredential found) {
    LOG.log(System.Logger.Level.DEBUG, () -> "credential for " + where + ": "
        + (found == null || found.isAnonymous() ? "none (anonymous)" : found.describe()));
  }

  /** Cached for a repository that has no namespace entry of its own; never presented to a registry. */
  private static final Credential NO_NAMESPACE_ENTRY = Credential.accessToken("");

  private static String credentialKey(String host, String repository) {
    return repository == null ? host : host + "/" + repository;
  }

  /** The repository the first repository scope names (a push from another repository names two). */
  private static @Nullable String repositoryOf(Scopes scopes) {
    for (String scope : scopes.values()) {
      int last = scope.lastIndexOf(':');
      if (scope.startsWith("repository:") && last > "repository:".length()) {
        return scope.substring("repository:".length(), last);
      }
    }
    return null;
  }

  /**
   * Turns a refusal of a request made with a token into a DENIED error naming what was not granted: from
   * the token's own grant when it is a JWT, else from an {@code insufficient_scope} challenge.
   */
  private Response failIfDenied(Response response, Attempt attempt, Origin origin, Scopes needed)
      throws AuthenticationException {
    int code = response.code();
    if (attempt.token() == null || (code != 401 && code != 403)) {
      return response;
    }
    Scopes missing = Scopes.empty();
    Scopes granted = attempt.token().granted();
    if (granted != null) {
      missing = needed.missingFrom(granted);
    }
    if (missing.isEmpty() && code == 401) {
      for (Challenge challenge : ChallengeParser.parse(response.headers("WWW-Authenticate"))) {
        if (challenge.is("bearer") && "insufficient_scope".equals(challenge.param("error"))) {
          Scopes asked = parseLeniently(challenge.param("scope"));
          missing = granted != null ? asked.missingFrom(granted) : asked.isEmpty() ? needed : asked;
          if (missing.isEmpty()) {
            missing = asked.isEmpty() ? needed : asked;
          }
        }
      }
    }
    if (missing.isEmpty()) {
      return response;
    }
    response.close();
    throw AuthenticationException.denied(origin.registryHost(), missing);
  }

  private static Scopes challengeScopes(List<Challenge> challenges) {
    for (Challenge challenge : challenges) {
      if (challenge.is("bearer")) {
        return parseLeniently(challenge.param("scope"));
      }
    }
    return Scopes.empty();
  }

  /** A malformed scope in a challenge is ignored rather than failing the request over it. */
  private static Scopes parseLeniently(@Nullable String scope) {
    try {
      return Scopes.parse(scope);
    } catch (IllegalArgumentException e) {
      return Scopes.empty();
    }
  }
}

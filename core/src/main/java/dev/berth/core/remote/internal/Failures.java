package dev.berth.core.remote.internal;

import dev.berth.core.AccessDeniedException;
import dev.berth.core.ErrorCodes;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.RateLimitedException;
import dev.berth.core.RegistryError;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.RegistryResponse;
import dev.berth.core.TokenExpiredException;
import dev.berth.core.UnauthorizedException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.remote.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** Turns an unsuccessful registry response into berth's typed exceptions. */
public final class Failures {
  private Failures() {}

  /**
   * The exception for {@code response} (which this closes).
   *
   * @param host the registry as the user named it, for messages
   * @param access what the request needed, naming the repository and the action in messages
   * @param subject what was asked for, e.g. {@code manifest v1} or {@code blob sha256:...}
   */
  public static OciException of(Response response, String host, Access access, String subject) {
    try (response) {
      boolean rateLimited = RateLimits.isRateLimited(response);
      // Asked before the body is read: GitHub's unnamed wait is recognised from the body's message.
      Duration asked = rateLimited ? RateLimits.askedWait(response, Clock.systemUTC()) : null;
      List<RegistryError> errors = ErrorBodies.read(response);
      if (rateLimited) {
        // Before the 403 check: GitHub's rate limits answer 403, and logging in again would not help.
        return new RateLimitedException(response.request().method(), withoutQuery(response.request().url()),
            response.code(), errors, host, asked);
      }
      if (response.code() == 401 && tokenRefusedMidUpload(response)) {
        String where = access.repository() == null ? host : host + "/" + access.repository();
        return new TokenExpiredException(where + " refused the token of a streamed upload (expired or revoked"
            + " mid-operation); a fresh one is asked for on the next try");
      }
      return of(response.request().method(), response.request().url(), response.code(), errors, host, access,
          subject, response.header("Retry-After"));
    }
  }

  /**
   * Whether a 401 refused the token of a request whose body could not be replayed (so the auth layer
   * could not answer it with a fresh token itself) with RFC 6750's {@code error="invalid_token"}, which
   * registries send for an expired token. Other 401s stay authentication errors.
   */
  private static boolean tokenRefusedMidUpload(Response response) {
    okhttp3.RequestBody body = response.request().body();
    if (body == null || !body.isOneShot()) {
      return false;
    }
    for (String challenge : response.headers("WWW-Authenticate")) {
      if (challenge.replace(" ", "").toLowerCase(java.util.Locale.ROOT).contains("error=\"invalid_token\"")) {
        return true;
      }
    }
    return false;
  }

  static OciException of(String method, HttpUrl url, int status, List<RegistryError> errors, String host,
      Access access, String subject) {
    return of(method, url, status, errors, host, access, subject, null);
  }

  static OciException of(String method, HttpUrl url, int status, List<RegistryError> errors, String host,
      Access access, String subject, @Nullable String retryAfterHeader) {
    RegistryResponse response = new RegistryResponse(method, withoutQuery(url), status, errors);
    String where = access.repository() == null ? host : host + "/" + access.repository();
    String detail = describe(errors);
    if (status == 429 || response.hasCode(ErrorCodes.TOOMANYREQUESTS)) {
      return new RateLimitedException(method, withoutQuery(url), status, errors, host,
          RetryAfter.parse(retryAfterHeader, Clock.systemUTC()).orElse(null));
    }
    if (status == 403 || response.hasCode(ErrorCodes.DENIED)) {
      return new AccessDeniedException(access.verb() + " access to " + where + " denied" + detail, response, null);
    }
    if (status == 401) {
      return new UnauthorizedException(where + " requires authentication to " + access.verb() + detail, response,
          null);
    }
    if (status == 404) {
      NotFoundException.Kind kind = NotFoundException.kindOf(response, NotFoundException.Kind.UNKNOWN);
      return new NotFoundException(subject + " not found in " + where + detail, kind, response, null);
    }
    if (status == 405 || response.hasCode(ErrorCodes.UNSUPPORTED)) {
      return new UnsupportedException(where + " does not support " + method + " for " + subject + detail, response,
          null);
    }
    return new RegistryErrorException(response);
  }

  /**
   * The URL for messages: query parameters are dropped because registries keep upload state and some
   * keep signed credentials (presigned blob URLs) there; user info (from a server's Location) too.
   */
  public static String withoutQuery(HttpUrl url) {
    return Redaction.url(url.newBuilder().query(null).build());
  }

  private static String describe(List<RegistryError> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    for (int i = 0; i < errors.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(errors.get(i));
    }
    return sb.append(')').toString();
  }
}

package dev.berth.core.remote.internal;

import dev.berth.auth.AuthenticationException;
import dev.berth.core.AccessDeniedException;
import dev.berth.core.UnauthorizedException;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Executes registry requests, turning the auth module's {@link AuthenticationException} into berth's
 * {@link UnauthorizedException} or {@link AccessDeniedException}, named by repository and action, so
 * callers handle one exception family; connection and TLS failures become {@link
 * dev.berth.core.NetworkException} and {@link dev.berth.core.TlsException}.
 */
public final class AuthFailures {
  private AuthFailures() {}

  /** Executes {@code request}; the caller closes the response. */
  public static Response execute(OkHttpClient http, Request request, String host) throws IOException {
    try {
      return http.newCall(request).execute();
    } catch (AuthenticationException e) {
      throw translate(e, host, request.tag(Access.class));
    } catch (IOException e) {
      throw NetworkFailures.translate(e, host);
    }
  }

  static UnauthorizedException translate(AuthenticationException e, String host, Access access) {
    String where = access == null || access.repository() == null ? host : host + "/" + access.repository();
    String verb = access == null ? "access" : access.verb();
    // The auth module's messages name host, realm and scopes, never secrets, so they can be passed on.
    if (e.reason() == AuthenticationException.Reason.DENIED) {
      return new AccessDeniedException(verb + " access to " + where + " denied: " + e.getMessage(), e);
    }
    return new UnauthorizedException("cannot authenticate to " + verb + " " + where + ": " + e.getMessage(), e);
  }
}

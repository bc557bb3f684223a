package dev.berth.core.remote.internal;

import dev.berth.auth.NoAuthentication;
import dev.berth.core.OciException;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Follows 301, 302, 303, 307 and 308 in berth's own code (the OkHttp client has its redirect following
 * switched off) so that credentials never cross origins: {@code Authorization} and {@code Cookie} are
 * dropped whenever scheme, host or port change, as on ghcr.io's 307 from a blob GET to its storage
 * host; the hop is also tagged {@link NoAuthentication}, so a challenge from that host goes unanswered.
 * A redirect from https to http is refused.
 */
public final class RedirectInterceptor implements Interceptor {
  /** Debug lines for embedders who turn them on (System.Logger: silent by default, no dependency). */
  private static final System.Logger LOG = System.getLogger(RedirectInterceptor.class.getName());
  /** Registries redirect once (to storage); a long chain means a loop or a hostile server. */
  static final int MAX_REDIRECTS = 10;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int hops = 0; ; hops++) {
      Response response = chain.proceed(request);
      Request next = followUp(request, response);
      if (next == null) {
        return response;
      }
      response.close();
      if (hops >= MAX_REDIRECTS) {
        throw new OciException("more than " + MAX_REDIRECTS + " redirects for " + request.method() + " "
            + Failures.withoutQuery(chain.request().url()));
      }
      request = next;
    }
  }

  /** The request to send next, or null when {@code response} is to be handed back as it is. */
  static @Nullable Request followUp(Request request, Response response) throws OciException {
    int code = response.code();
    if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) {
      return null;
    }
    String location = response.header("Location");
    HttpUrl target = location == null ? null : request.url().resolve(location);
    if (target == null) {
      return null;
    }
    if (Origins.downgrades(request.url(), target)) {
      throw new OciException("refused a redirect from https to http: " + Failures.withoutQuery(request.url())
          + " -> " + Failures.withoutQuery(target));
    }
    Request.Builder next = request.newBuilder().url(target);
    String method = request.method();
    boolean becomesGet = (code == 303 && !method.equals("HEAD"))
        || ((code == 301 || code == 302) && method.equals("POST"));
    if (becomesGet) {
      next.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length");
    } else {
      RequestBody body = request.body();
      if (body != null && body.isOneShot()) {
        // The bytes were streamed from the caller and cannot be sent again; let the caller see the 307.
        return null;
      }
    }
    boolean otherOrigin = !Origins.same(request.url(), target);
    LOG.log(System.Logger.Level.DEBUG, () -> "redirect " + code + " " + method + " "
        + Failures.withoutQuery(request.url()) + " -> " + Failures.withoutQuery(target)
        + (otherOrigin ? " (another origin: credentials not sent)" : ""));
    if (otherOrigin) {
      // Tagged too, so that the auth interceptor does not answer the other host's own 401 with the
      // credentials meant for the registry.
      next.removeHeader("Authorization").removeHeader("Cookie")
          .tag(NoAuthentication.class, NoAuthentication.INSTANCE);
    }
    return next.build();
  }
}

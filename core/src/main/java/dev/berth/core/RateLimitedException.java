package dev.berth.core;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registry or API refused a request because the client is sending too many: a 429, or GitHub's 403
 * for its primary and secondary rate limits (ghcr.io, api.github.com). berth retries these within its
 * {@code RetryPolicy}; this is what remains when the wait asked for exceeds the policy's cap or the
 * retry budget is spent. It is not an access problem: logging in again does not help.
 */
public class RateLimitedException extends RegistryErrorException {
  /** The wait the server asked for, or null when it named none. */
  private final @Nullable Duration retryAfter;

  /**
   * @param method the HTTP method of the refused request
   * @param url the request URL without its query
   * @param status 429, or 403 for GitHub's rate limits
   * @param errors the body's parsed {@code errors} entries
   * @param host the registry or API host, for the message
   * @param retryAfter the wait the server asked for, or null
   */
  public RateLimitedException(String method, String url, int status, List<RegistryError> errors, String host,
      @Nullable Duration retryAfter) {
    super("rate limited by " + host + (retryAfter == null ? "" : "; it asks to wait " + describe(retryAfter)),
        method, url, status, errors);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for before another request, or null when it named none. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  private static String describe(Duration d) {
    long s = d.getSeconds();
    return s >= 3600 ? (s / 3600) + " h" : s >= 60 ? (s / 60) + " min" : s + " s";
  }
}

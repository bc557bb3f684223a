package dev.berth.core.remote.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Recognises rate limiting: a 429, or a 403 that GitHub (ghcr.io, api.github.com) uses for its primary
 * and secondary rate limits, and the wait it asks for. GitHub documents both signs: a
 * {@code Retry-After} header, or {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset}
 * (epoch seconds); without either, the message names the secondary rate limit.
 */
public final class RateLimits {
  /** How much of a 403 body is read to look for GitHub's rate-limit message. */
  private static final long PEEK_BYTES = 4096;
  /**
   * GitHub's wait for a secondary rate limit that names none: "Otherwise, wait for at least one minute
   * before retrying" (REST API rate limits). Retrying sooner prolongs the limit.
   */
  static final Duration GITHUB_UNNAMED_WAIT = Duration.ofMinutes(1);

  private RateLimits() {}

  /** Whether {@code response} says the client is being rate limited. */
  public static boolean isRateLimited(Response response) {
    if (response.code() == 429) {
      return true;
    }
    if (response.code() != 403) {
      return false;
    }
    if (response.header("Retry-After") != null || "0".equals(trimmed(response.header("x-ratelimit-remaining")))) {
      return true;
    }
    try {
      String body = response.peekBody(PEEK_BYTES).string().toLowerCase(Locale.ROOT);
      return body.contains("rate limit");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The wait the server asks for: {@code Retry-After}, else the time until {@code x-ratelimit-reset}
   * when no requests remain, else GitHub's minute for a rate-limiting 403 that names no wait; null when
   * it asks for none (or says it unparseably).
   */
  public static @Nullable Duration askedWait(Response response, Clock clock) {
    Duration asked = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
    if (asked == null && "0".equals(trimmed(response.header("x-ratelimit-remaining")))) {
      String reset = trimmed(response.header("x-ratelimit-reset"));
      if (reset != null && !reset.isEmpty() && reset.length() <= 12 && reset.chars().allMatch(Character::isDigit)) {
        Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset)));
        asked = d.isNegative() ? Duration.ZERO : d;
      }
    }
    if (asked == null && response.code() == 403 && isRateLimited(response)) {
      asked = GITHUB_UNNAMED_WAIT;
    }
    return asked;
  }

  private static @Nullable String trimmed(String s) {
    return s == null ? null : s.trim();
  }
}

package dev.berth.core.remote.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Parses {@code Retry-After} (RFC 9110 section 10.2.3): delay-seconds or an HTTP date. */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait the header asks for, never negative; empty when absent or unparseable. Never throws: a
   * number too large for a long reads as the longest wait, which every caller's cap then refuses.
   */
  public static Optional<Duration> parse(@Nullable String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        // More digits than a long holds: far beyond any wait we honour.
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty(); // garbage, or a date no clock can reach
    }
  }
}

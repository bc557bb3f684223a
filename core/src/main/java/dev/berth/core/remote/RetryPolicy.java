package dev.berth.core.remote;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * How berth retries registry requests that failed in a way worth retrying: I/O errors, 408, 429 and 5xx
 * answers (not 501 or 505). Only requests whose body can be sent again are retried; a streamed blob
 * upload is not, and recovers through its own resume logic instead.
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, each with
 * random jitter (between half and all of the nominal wait) so that many clients do not retry in step.
 * A {@code Retry-After} header (seconds or an HTTP date) replaces the computed wait; when it asks for
 * longer than {@link #maxRetryAfter()}, the answer is returned instead of waiting.
 *
 * <p>Immutable; {@link #defaults()} suits public registries.
 */
public final class RetryPolicy {
  /** Waits between attempts; replaceable so tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code duration}; throws {@link InterruptedIOException} when interrupted. */
    void sleep(Duration duration) throws InterruptedIOException;
  }

  /** Sleeps the calling thread. */
  public static final Sleeper THREAD_SLEEPER = d -> {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ioe = new InterruptedIOException("interrupted while waiting to retry");
      ioe.initCause(e);
      throw ioe;
    }
  };

  private static final RetryPolicy DEFAULTS = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10),
      Duration.ofSeconds(60), THREAD_SLEEPER);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Sleeper sleeper;

  private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
      Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Five attempts, waits from 200 ms doubling up to 10 s, honouring {@code Retry-After} up to 60 s. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy none() {
    return DEFAULTS.withMaxAttempts(1);
  }

  /** Attempts in total, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The nominal wait before the second attempt. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The cap on the nominal wait. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The longest {@code Retry-After} berth waits for. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** What waits between attempts. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** A copy making {@code attempts} attempts in total (at least 1). */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter, sleeper);
  }

  /** A copy whose nominal waits start at {@code initial} and grow up to {@code max}. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, sleeper);
  }

  /** A copy that waits for a {@code Retry-After} of at most {@code max}. */
  public RetryPolicy withMaxRetryAfter(Duration max) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, max, sleeper);
  }

  /** A copy that waits with {@code s}, e.g. a recording sleeper in tests. */
  public RetryPolicy withSleeper(Sleeper s) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, s);
  }

  /**
   * The jittered wait before attempt {@code attempt + 1}, given {@code attempt} attempts so far and a
   * random number in [0, 1).
   */
  public Duration backoff(int attempt, double random) {
    long base = initialBackoff.toMillis();
    long nominal = base << Math.min(attempt - 1, 20);
    nominal = Math.min(nominal < 0 ? Long.MAX_VALUE : nominal, maxBackoff.toMillis());
    return Duration.ofMillis(nominal / 2 + (long) (random * (nominal - nominal / 2)));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", maxRetryAfter=" + maxRetryAfter + "}";
  }
}

package dev.berth.core.remote;

import dev.berth.core.content.Retrier;
import dev.berth.core.internal.Transience;
import dev.berth.core.remote.internal.RetryInterceptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import org.jspecify.annotations.Nullable;

/**
 * How berth retries what failed in a way worth retrying ({@link #isWorthRetrying}): I/O errors, 408,
 * 429 and 5xx answers (not 501 or 505), and GitHub's rate-limit 403s.
 *
 * <p>There is one retry decision per request. A request whose body can be sent again is retried by the
 * client's retry interceptor. A whole blob transfer (a streamed upload, a download verified only at its
 * end) is retried as a unit by {@link dev.berth.core.content.TransferRetries}, with this same policy;
 * the requests inside it are then tried once each, so the attempts never multiply.
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, each with
 * random jitter (between half and all of the nominal wait) so that many clients do not retry in step.
 * A {@code Retry-After} header (seconds or an HTTP date) replaces the computed wait; when it asks for
 * longer than {@link #maxRetryAfter()} (30 s by default), the answer is returned instead of waiting. The
 * waits of one request's or one transfer's retries add up to at most {@link #maxTotalWait()} (60 s by
 * default); a retry that would exceed it is not made.
 *
 * <p>Immutable; {@link #defaults()} suits public registries.
 */
public final class RetryPolicy implements Retrier {
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

  /** The default cap on one {@code Retry-After} wait. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);
  /** The default cap on all waits of one request's or one transfer's retries together. */
  public static final Duration DEFAULT_MAX_TOTAL_WAIT = Duration.ofSeconds(60);

  private static final RetryPolicy DEFAULTS = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10),
      DEFAULT_MAX_RETRY_AFTER, DEFAULT_MAX_TOTAL_WAIT, THREAD_SLEEPER);

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Duration maxTotalWait;
  private final Sleeper sleeper;

  private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
      Duration maxTotalWait, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()
        || maxTotalWait.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.maxTotalWait = maxTotalWait;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Five attempts, waits from 200 ms doubling up to 10 s, honouring {@code Retry-After} up to 30 s, at
   * most 60 s of waiting per request or transfer.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy none() {
    return DEFAULTS.withMaxAttempts(1);
  }

  /** Attempts in total, the first included. */
  @Override
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

  /** The most that the waits of one request's or one transfer's retries add up to. */
  public Duration maxTotalWait() {
    return maxTotalWait;
  }

  /** What waits between attempts. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** A copy making {@code attempts} attempts in total (at least 1). */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter, maxTotalWait, sleeper);
  }

  /** A copy whose nominal waits start at {@code initial} and grow up to {@code max}. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, maxTotalWait, sleeper);
  }

  /** A copy that waits for a {@code Retry-After} of at most {@code max}. */
  public RetryPolicy withMaxRetryAfter(Duration max) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, max, maxTotalWait, sleeper);
  }

  /** A copy whose waits for one request or one transfer add up to at most {@code max}. */
  public RetryPolicy withMaxTotalWait(Duration max) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, max, sleeper);
  }

  /** A copy that waits with {@code s}, e.g. a recording sleeper in tests. */
  public RetryPolicy withSleeper(Sleeper s) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, maxTotalWait, s);
  }

  /**
   * The one predicate for "another try could succeed": connection failures and timeouts, content that
   * arrived corrupted or cut short, registry answers with a {@linkplain #isRetryableStatus retryable
   * status}, rate limiting, an upload session the registry lost, a token that expired mid-upload. Not a
   * name that does not resolve, a refused certificate or credential, access denied, not found,
   * unsupported, a size limit, a local file-system error or an interruption.
   */
  @Override
  public boolean isWorthRetrying(IOException failure) {
    return Transience.isWorthRetrying(failure);
  }

  /** Whether an answer with this status is worth another try: 408, 429 and 5xx except 501 and 505. */
  public static boolean isRetryableStatus(int status) {
    return Transience.isRetryableStatus(status);
  }

  /**
   * The wait before attempt {@code attempt + 1}, or null when no further attempt is due: the attempts
   * are spent, the server asks for longer than {@link #maxRetryAfter()}, or the wait would take the
   * waits so far past {@link #maxTotalWait()}.
   */
  @Override
  public @Nullable Duration waitBefore(int attempt, @Nullable Duration serverAsked, Duration waitedSoFar) {
    if (attempt >= maxAttempts) {
      return null;
    }
    if (serverAsked != null && serverAsked.compareTo(maxRetryAfter) > 0) {
      return null;
    }
    Duration wait = serverAsked != null ? serverAsked : backoff(attempt, ThreadLocalRandom.current().nextDouble());
    if (waitedSoFar.plus(wait).compareTo(maxTotalWait) > 0) {
      return null;
    }
    return wait;
  }

  /** Waits with this policy's {@link #sleeper()}. */
  @Override
  public void sleep(Duration duration) throws InterruptedIOException {
    sleeper.sleep(duration);
  }

  /**
   * This policy as an OkHttp application interceptor, for HTTP clients of one's own that should retry
   * as the registry client does (berth's GitHub API client uses it).
   */
  public Interceptor interceptor() {
    return new RetryInterceptor(this, Clock.systemUTC());
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
        + ", maxRetryAfter=" + maxRetryAfter + ", maxTotalWait=" + maxTotalWait + "}";
  }
}

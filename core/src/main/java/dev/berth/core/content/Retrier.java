package dev.berth.core.content;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How transfers that failed are tried again: how many tries, which failures are worth another, how long
 * to wait before each and in all. The registry client's {@code RetryPolicy} is one; {@link
 * TransferRetries} asks a storage for its own with {@link Governed}.
 */
public interface Retrier {
  /** Tries in total, the first included (1: nothing is tried again). */
  int maxAttempts();

  /** Whether another try could succeed where one failed with {@code failure}. */
  boolean isWorthRetrying(IOException failure);

  /**
   * The wait before try {@code attempt + 1}, after {@code attempt} tries that waited {@code waitedSoFar}
   * in all; null when the retry budget does not allow another try.
   *
   * @param serverAsked the wait the server asked for ({@code Retry-After}), or null
   */
  @Nullable Duration waitBefore(int attempt, @Nullable Duration serverAsked, Duration waitedSoFar);

  /** Waits {@code duration}. */
  void sleep(Duration duration) throws InterruptedIOException;

  /**
   * A storage whose transfers can fail in ways another try fixes (a remote repository), found with
   * {@code instanceof}: it says how they are retried. Storages without it (local ones) are not retried.
   */
  interface Governed {
    /** How this storage's transfers are retried. */
    Retrier retrier();
  }
}

package dev.berth.core.remote.internal;

import dev.berth.core.remote.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Retries requests that failed in a way {@link RetryPolicy#isWorthRetrying} or {@link
 * RetryPolicy#isRetryableStatus} says is worth another try (and GitHub's rate-limit 403s), within the
 * policy's attempts and wait budget. Two kinds of request are tried once: a request whose body is
 * one-shot (a blob streamed from the caller: its bytes are gone), and a request made inside a whole
 * transfer that is retried as a unit ({@link NoRequestRetry}), so that the two retry loops never
 * multiply.
 */
public final class RetryInterceptor implements Interceptor {
  /** Each retry and its reason at DEBUG (System.Logger: silent unless an embedder turns it on). */
  private static final System.Logger LOG = System.getLogger(RetryInterceptor.class.getName());

  private final RetryPolicy policy;
  private final Clock clock;
  private final @Nullable Instant deadline;

  public RetryInterceptor(RetryPolicy policy, Clock clock) {
    this(policy, clock, null);
  }

  /** @param deadline the client's deadline, or null: a wait that would end past it is not begun */
  public RetryInterceptor(RetryPolicy policy, Clock clock, @Nullable Instant deadline) {
    this.policy = policy;
    this.clock = clock;
    this.deadline = deadline;
  }

  /** The wait, or null when there is none or it would end past the deadline. */
  private @Nullable Duration withinDeadline(@Nullable Duration wait) {
    return wait == null || deadline == null || !clock.instant().plus(wait).isAfter(deadline) ? wait : null;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if ((request.body() != null && request.body().isOneShot()) || request.tag(NoRequestRetry.class) != null) {
      return chain.proceed(request);
    }
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        Duration wait = chain.call().isCanceled() || !policy.isWorthRetrying(e) ? null
            : withinDeadline(policy.waitBefore(attempt, null, waited));
        if (wait == null) {
          throw e;
        }
        logRetry(request, attempt, wait, e.getClass().getSimpleName());
        policy.sleep(wait);
        waited = waited.plus(wait);
        continue;
      }
      if (!RetryPolicy.isRetryableStatus(response.code()) && !RateLimits.isRateLimited(response)) {
        return response;
      }
      Duration wait = withinDeadline(policy.waitBefore(attempt, RateLimits.askedWait(response, clock), waited));
      if (wait == null) {
        return response; // out of attempts or budget, or asked to wait longer than we block for
      }
      response.close();
      logRetry(request, attempt, wait, "HTTP " + response.code());
      policy.sleep(wait);
      waited = waited.plus(wait);
    }
  }

  private static void logRetry(Request request, int attempt, Duration wait, String reason) {
    LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + request.method() + " "
        + Failures.withoutQuery(request.url()) + " after attempt " + attempt + " (" + reason + "), waiting "
        + wait.toMillis() + " ms");
  }
}

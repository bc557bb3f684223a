package dev.berth.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one property-test try on a worker thread and fails it if it has not finished within a time
 * limit, so a parser that loops or backtracks without end shows up as a failed try instead of a hung
 * build. (jqwik has no per-try timeout of its own.)
 */
final class Bounded {
  private Bounded() {}

  /**
   * Generous: a warm try parses a few hundred bytes in microseconds, so only a runaway gets near this,
   * while a slow first try on a busy 2-core machine (class loading, Jackson introspection) stays under it.
   * The property classes also warm up before their first try (see their {@code @BeforeContainer}).
   */
  static final Duration LIMIT = Duration.ofSeconds(5);

  private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "bounded-try");
    t.setDaemon(true);
    return t;
  });

  /**
   * The result of {@code call}, or its exception unwrapped; fails the try when it runs past {@link #LIMIT}.
   */
  static <T> T call(Callable<T> call) throws Exception {
    Future<T> future = WORKER.submit(call);
    try {
      return future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail("did not finish within " + LIMIT);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    }
  }
}

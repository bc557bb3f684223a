package dev.berth.artifacts.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs one I/O step per item, up to a given width at once, keeping the items' order in the results.
 * Pushing several files one after another leaves the connection idle for a round trip per request;
 * side by side, the waits overlap (as {@code oras push} does with 3 at a time).
 */
public final class InParallel {
  /** One step that may fail with I/O. */
  @FunctionalInterface
  public interface Step<T, R> {
    /** Does the work for {@code item}. */
    R apply(T item) throws IOException;
  }

  private InParallel() {}

  /**
   * {@code step} applied to each item, at most {@code width} at once. One item, or a width of one, runs
   * on the caller's thread (no thread to start). On the first failure the steps not yet started are
   * dropped and the running ones interrupted; this returns only once none is still running, then
   * throws that failure.
   */
  public static <T, R> List<R> map(List<T> items, int width, Step<T, R> step) throws IOException {
    if (items.size() <= 1 || width <= 1) {
      List<R> results = new ArrayList<>(items.size());
      for (T item : items) {
        results.add(step.apply(item));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(width, items.size()), r -> {
      Thread t = new Thread(r, "berth-push");
      t.setDaemon(true);
      return t;
    });
    List<Future<R>> futures = new ArrayList<>(items.size());
    CompletionService<R> done = new ExecutorCompletionService<>(pool);
    try {
      for (T item : items) {
        futures.add(done.submit(() -> step.apply(item)));
      }
      for (int i = 0; i < items.size(); i++) {
        done.take().get(); // in the order they finish, so the first failure is seen at once
      }
      List<R> results = new ArrayList<>(items.size());
      for (Future<R> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(pool, futures);
      throw new InterruptedIOException("interrupted while pushing");
    } catch (ExecutionException e) {
      stop(pool, futures);
      throw rethrow(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** Cancels what has not finished and waits until no step still runs (temp files may then go). */
  private static void stop(ExecutorService pool, List<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      f.cancel(true);
    }
    pool.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        // Each step is an HTTP exchange under the client's timeouts, so this ends; an interrupt of the
        // caller is kept for later rather than leaving a step running against deleted files.
        if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static @Nullable IOException rethrow(@Nullable Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof UncheckedIOException u) {
      return Objects.requireNonNull(u.getCause(), "an UncheckedIOException always has its cause");
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t);
  }
}

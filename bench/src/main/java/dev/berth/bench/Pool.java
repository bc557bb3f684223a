package dev.berth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed number of threads for the clients whose API moves one blob per call (Jib's registry client,
 * the raw floor), so they move an artifact's blobs as many at a time as berth does.
 */
final class Pool implements AutoCloseable {
  /** A step on one item that may fail. */
  @FunctionalInterface
  interface Step<T> {
    void run(T item) throws Exception;
  }

  private final ExecutorService threads;

  Pool(int size) {
    this.threads = Executors.newFixedThreadPool(size, r -> {
      Thread t = new Thread(r, "bench-pool");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code step} on every item, {@code size} at a time; rethrows the first failure. */
  <T> void all(List<T> items, Step<T> step) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    for (T item : items) {
      futures.add(threads.submit(() -> {
        step.run(item);
        return null;
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}

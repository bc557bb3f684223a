package dev.berth.core.copy.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs at most {@code limit} tasks at once on a delegate, queueing the rest. It never blocks a thread
 * to wait for a slot: a finishing worker takes the next queued task itself.
 */
public final class BoundedExecutor implements Executor {
  private final Executor delegate;
  private final int limit;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private int running;

  public BoundedExecutor(Executor delegate, int limit) {
    this.delegate = delegate;
    this.limit = limit;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (running >= limit) {
        queue.add(task);
        return;
      }
      running++;
    }
    try {
      delegate.execute(() -> drain(task));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        running--;
        notifyAll();
      }
      throw e;
    }
  }

  /** Waits until nothing runs or waits to run. */
  public synchronized void awaitIdle() throws InterruptedException {
    while (running > 0 || !queue.isEmpty()) {
      wait();
    }
  }

  /**
   * Waits until nothing runs or waits to run, even when the calling thread is interrupted (or already
   * was); the interrupt flag is set again before returning. Tasks of an aborted copy end quickly, as
   * queued ones find the copy failed and return at once, so the wait is as long as the transfers in
   * flight.
   */
  public void awaitIdleUninterruptibly() {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          awaitIdle();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void drain(Runnable first) {
    Runnable task = first;
    while (task != null) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        // Tasks report through their futures; a throw here must not strand the queue.
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
      }
      task = next();
    }
  }

  private synchronized Runnable next() {
    Runnable n = queue.poll();
    if (n == null) {
      running--;
      notifyAll();
    }
    return n;
  }
}

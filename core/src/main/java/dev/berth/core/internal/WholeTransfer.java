package dev.berth.core.internal;

import java.io.IOException;

/**
 * Marks the current thread as running a whole transfer that is retried as a unit (go-containerregistry's
 * {@code retry.Never(ctx)}): requests made inside are tried once, because the transfer's own retry
 * redoes them, and retrying both would multiply the attempts. Registry requests are made on the calling
 * thread, so a thread-local reaches them without a context parameter on every storage method.
 */
public final class WholeTransfer {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private WholeTransfer() {}

  /** One run of a transfer. */
  @FunctionalInterface
  public interface Body<T> {
    T run() throws IOException;
  }

  /** Whether the current thread is inside a transfer that is retried as a whole. */
  public static boolean active() {
    return DEPTH.get()[0] > 0;
  }

  /** Runs {@code body} marked as (part of) a whole transfer. */
  public static <T> T run(Body<T> body) throws IOException {
    int[] depth = DEPTH.get();
    depth[0]++;
    try {
      return body.run();
    } finally {
      depth[0]--;
    }
  }
}

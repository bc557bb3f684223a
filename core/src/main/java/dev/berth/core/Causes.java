package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * Walking an exception's cause chain, in the one way berth's modules do it (classifying a failure,
 * naming its root for a message): a cause that is its own cause ends the walk.
 */
public final class Causes {
  private Causes() {}

  /** The first throwable in {@code error}'s cause chain (itself included) of one of {@code types}, or null. */
  @SafeVarargs
  public static <T extends Throwable> @Nullable T find(Throwable error, Class<? extends T>... types) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends T> type : types) {
        if (type.isInstance(t)) {
          return type.cast(t);
        }
      }
    }
    return null;
  }

  /** The last throwable in {@code error}'s cause chain: {@code error} itself when it has no cause. */
  public static Throwable root(Throwable error) {
    Throwable r = error;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  /** The first line of {@code error}'s message, or its class's simple name when it has none. */
  public static String firstLine(Throwable error) {
    String m = error.getMessage();
    if (m == null || m.isBlank()) {
      return error.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}

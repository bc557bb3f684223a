package dev.berth.cli;

import java.util.Locale;

/** Human-readable sizes, rates and durations for progress lines and the demo table. */
public final class Units {
  private Units() {}

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** {@code 5.1 MiB/s}; {@code -} when no time has passed yet. */
  public static String rate(long bytes, long nanos) {
    if (nanos <= 0) {
      return "-";
    }
    return bytes((long) (bytes * 1e9 / nanos)) + "/s";
  }

  /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
  public static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /** {@code 3 ms}, {@code 1.25 s}. */
  public static String millis(long nanos) {
    long ms = nanos / 1_000_000;
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}

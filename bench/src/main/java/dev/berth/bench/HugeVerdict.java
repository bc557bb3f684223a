package dev.berth.bench;

import java.util.Locale;

/** The constant-memory check's verdict: both directions succeeded with peak RSS under the limit. */
final class HugeVerdict {
  private HugeVerdict() {}

  static String of(Benchmark.Outcome outcome, long rssLimitMib) {
    StringBuilder why = new StringBuilder();
    for (Workload w : new Workload[] {Workload.PUSH_BLOB, Workload.PULL_BLOB}) {
      Summary s = outcome.results().summary(w, ClientKind.BERTH.id(), outcome.data());
      if (!s.measured() || s.failures() > 0) {
        why.append(String.format(Locale.ROOT, " %s failed;", w.id()));
      } else if (!(s.peakRssMib() < rssLimitMib)) {
        why.append(String.format(Locale.ROOT, " %s peak RSS %.0f MiB >= %d MiB;", w.id(), s.peakRssMib(), rssLimitMib));
      }
    }
    String what = String.format(Locale.ROOT, "constant memory: berth pushed and pulled %d MiB with -Xmx64m",
        outcome.data().blob().size() / (1024 * 1024));
    return why.length() == 0
        ? "PASS " + what + ", peak RSS under " + rssLimitMib + " MiB"
        : "FAIL " + what + ":" + why;
  }
}

package dev.berth.examples.bench;

import java.util.List;

/**
 * Medians of one contender's runs of one workload.
 *
 * @param wallSeconds the whole child process, JVM start to exit
 * @param opSeconds the operation inside the child, client creation to last byte
 * @param mibPerSecond the workload's bytes over the wall time
 */
record Summary(int runs, int failures, double wallSeconds, double opSeconds, double mibPerSecond,
    double requestsPerArtifact, double connections, double peakHeapMib, double peakRssMib) {

  static Summary of(List<Sample> samples, int failures, long bytes, int artifacts) {
    if (samples.isEmpty()) {
      return new Summary(0, failures, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN);
    }
    double wall = Median.of(samples, s -> s.wallNanos() / 1e9);
    double op = Median.of(samples, s -> s.opNanos() / 1e9);
    return new Summary(samples.size(), failures, wall, op, bytes / 1048576.0 / wall,
        Median.of(samples, s -> s.requests() < 0 ? Double.NaN : (double) s.requests() / artifacts),
        Median.of(samples, s -> (double) s.connections()),
        Median.of(samples, s -> s.peakHeapBytes() / 1048576.0),
        Median.of(samples, s -> s.peakRssKib() < 0 ? Double.NaN : s.peakRssKib() / 1024.0));
  }

  boolean measured() {
    return runs > 0;
  }
}

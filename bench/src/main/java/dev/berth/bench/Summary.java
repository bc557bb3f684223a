package dev.berth.bench;

import java.util.List;

/**
 * Medians of one contender's runs of one workload.
 *
 * @param wallSeconds the whole child process, JVM start to exit
 * @param opSeconds the operation inside the child, client creation to last byte
 * @param mibPerSecond the workload's bytes over the wall time
 * @param clientCpuSeconds CPU time of the client's process
 * @param serverCpuSeconds CPU time of the registry and the proxy during the client's run
 * @param cpuBusy the share of the machine's CPUs the client, registry and proxy kept busy over the wall
 *     time (1 = every core busy all the time): near 1, more concurrency cannot help on this machine
 */
record Summary(int runs, int failures, double wallSeconds, double opSeconds, double mibPerSecond,
    double requestsPerArtifact, double connections, double peakHeapMib, double peakRssMib,
    double clientCpuSeconds, double serverCpuSeconds, double cpuBusy) {

  static Summary of(List<Sample> samples, int failures, long bytes, int artifacts) {
    if (samples.isEmpty()) {
      return new Summary(0, failures, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double wall = Median.of(samples, s -> s.wallNanos() / 1e9);
    double op = Median.of(samples, s -> s.opNanos() / 1e9);
    return new Summary(samples.size(), failures, wall, op, bytes / 1048576.0 / wall,
        Median.of(samples, s -> s.requests() < 0 ? Double.NaN : (double) s.requests() / artifacts),
        Median.of(samples, s -> (double) s.connections()),
        Median.of(samples, s -> s.peakHeapBytes() / 1048576.0),
        Median.of(samples, s -> s.peakRssKib() < 0 ? Double.NaN : s.peakRssKib() / 1024.0),
        Median.of(samples, s -> s.clientCpuNanos() < 0 ? Double.NaN : s.clientCpuNanos() / 1e9),
        Median.of(samples, s -> s.serverCpuNanos() < 0 ? Double.NaN : s.serverCpuNanos() / 1e9),
        Median.of(samples, Summary::cpuBusy));
  }

  private static final int CPUS = Runtime.getRuntime().availableProcessors();

  private static double cpuBusy(Sample s) {
    if (s.clientCpuNanos() < 0 || s.serverCpuNanos() < 0 || s.wallNanos() <= 0) {
      return Double.NaN;
    }
    return (double) (s.clientCpuNanos() + s.serverCpuNanos()) / s.wallNanos() / CPUS;
  }

  boolean measured() {
    return runs > 0;
  }
}

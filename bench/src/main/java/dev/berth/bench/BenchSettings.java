package dev.berth.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How a benchmark runs.
 *
 * @param registryUrl an existing registry ({@code http://host:port}), or null to start docker-registry
 * @param latencyMillis delay the proxy adds to every request
 * @param clients which clients, in order
 * @param workloads which workloads
 * @param jvmArgs flags added to every child JVM (besides this JVM's own)
 * @param workDir where data sets are cached and child logs and results are written
 * @param out the results file without extension ({@code .md} and {@code .json} are written)
 * @param sequential also run berth one blob at a time on the layers workloads
 */
record BenchSettings(DataShape shape, int runs, int concurrency, long latencyMillis, String registryUrl,
    List<ClientKind> clients, List<Workload> workloads, List<String> jvmArgs, Path workDir, Path out,
    Path peerLib, boolean sequential, long timeoutSeconds) {
  BenchSettings {
    clients = List.copyOf(clients);
    workloads = List.copyOf(workloads);
    jvmArgs = List.copyOf(jvmArgs);
  }
}

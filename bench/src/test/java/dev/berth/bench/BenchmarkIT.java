package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.testkit.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on tiny data: berth and the raw floor each in their own JVMs against a real
 * registry, once. No time is asserted (the benchmark is the measuring tool, not a test); the request
 * counts are, because they are exact: berth's pulls need no request the raw floor does not make.
 */
class BenchmarkIT {
  /** Eight JVMs in all (push-small runs too, unrecorded, for pull-small to read): seconds, not minutes. */
  private static final List<Workload> WORKLOADS = List.of(Workload.PUSH_BLOB, Workload.PULL_BLOB, Workload.PULL_SMALL);

  @TempDir Path work;

  @Test
  void berthAndTheRawFloorRunInChildJvmsAndBerthPullsWithTheFloorsRequests() throws Exception {
    assumeTrue(RegistryServer.isInstalled(), "docker-registry is not installed");
    BenchSettings settings = new BenchSettings(new DataShape(64 * 1024, 2, 16 * 1024, 3, 1024, 5), 1, 3, 0, null,
        List.of(ClientKind.BERTH, ClientKind.RAW), WORKLOADS, List.of("-XX:TieredStopAtLevel=1"), work,
        work.resolve("results"), null, false, 120);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Benchmark.Outcome outcome = new Benchmark(settings, new PrintStream(log, true)).run();

    Results results = outcome.results();
    for (Workload w : WORKLOADS) {
      for (ClientKind k : List.of(ClientKind.BERTH, ClientKind.RAW)) {
        assertEquals(List.of(), results.failures(w, k.id()), w + " " + k + "\n" + log);
        assertEquals(1, results.samples(w, k.id()).size(), w + " " + k);
      }
    }
    assertEquals(List.of(), results.samples(Workload.PUSH_SMALL, ClientKind.BERTH.id()), "not asked for, not recorded");
    for (Workload pull : List.of(Workload.PULL_BLOB, Workload.PULL_SMALL)) {
      assertEquals(requests(results, pull, ClientKind.RAW), requests(results, pull, ClientKind.BERTH), pull.id());
    }
    // HEAD (skip a blob already there), POST, PUT: one more than the floor, which never checks.
    assertEquals(3, requests(results, Workload.PUSH_BLOB, ClientKind.BERTH));
    // 600 requests of 200 artifacts ride on the connections of the pool, at most one per transfer at once.
    long connections = results.samples(Workload.PULL_SMALL, ClientKind.BERTH.id()).get(0).connections();
    assertTrue(connections >= 1 && connections <= settings.concurrency(), connections + " connections");
    Sample berth = results.samples(Workload.PUSH_BLOB, ClientKind.BERTH.id()).get(0);
    assertTrue(berth.peakRssKib() > 0 && berth.peakHeapBytes() > 0, "memory figures reported");

    Report report = outcome.report();
    Files.writeString(work.resolve("results.md"), report.markdown());
    assertTrue(report.text().contains("berth/raw"));
  }

  private static long requests(Results results, Workload w, ClientKind k) {
    return results.samples(w, k.id()).get(0).requests();
  }
}

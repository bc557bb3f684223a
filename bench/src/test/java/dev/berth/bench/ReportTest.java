package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final long MIB = 1 << 20;
  private final BlobRef blob = new BlobRef("application/octet-stream", "sha256:" + "a".repeat(64), 64 * MIB);
  private final DataSet data = new DataSet(Path.of("/nowhere"), new DataShape(64 * MIB, 0, 1, 0, 1, 1), blob, null,
      List.of());
  private final Results results = new Results();

  private void sample(ClientKind kind, int run, double wallSeconds, double opSeconds, long requests) {
    results.add(Workload.PUSH_BLOB, Contender.of(kind, 3), new Sample(run, (long) (wallSeconds * 1e9),
        (long) (opSeconds * 1e9), requests, 2, 100 * 1024, 20 * MIB, 1_500_000_000L, 1_000_000_000L));
  }

  private void sample(ClientKind kind, double wallSeconds, double opSeconds, long requests) {
    sample(kind, 1, wallSeconds, opSeconds, requests);
  }

  @Test
  void ratiosAreTheMedianOfBerthsTimeOverTheOthersRunByRun() {
    // Run 2 was slow for everyone (machine noise): paired, it is a ratio like the others.
    sample(ClientKind.BERTH, 1, 2.0, 1.0, 3);
    sample(ClientKind.RAW, 1, 1.0, 0.8, 2);
    sample(ClientKind.BERTH, 2, 9.0, 6.0, 3);
    sample(ClientKind.RAW, 2, 4.0, 4.0, 2);
    sample(ClientKind.BERTH, 3, 2.2, 1.2, 3);
    sample(ClientKind.RAW, 3, 1.0, 1.0, 2);
    sample(ClientKind.JIB, 2, 18.0, 12.0, 4); // only one run to pair with

    List<List<String>> ratios = new Report(results, data, Map.of()).ratios();

    assertEquals(List.of("workload", "berth/raw", "berth/oras-java", "berth/jib"), ratios.get(0));
    assertEquals(List.of("push blob 64 MiB", "2.20 (1.25)", "-", "0.50 (0.50)"), ratios.get(1));
  }

  @Test
  void mediansRowGivesTimeThroughputRequestsMemoryAndCpu() {
    sample(ClientKind.BERTH, 2.0, 1.0, 3);

    List<String> row = new Report(results, data, Map.of()).medians().get(1);

    // 1.5 s of client CPU and 1.0 s of registry and proxy CPU over 2 s of wall time.
    String busy = Math.round(2.5 / 2.0 / Runtime.getRuntime().availableProcessors() * 100) + "%";
    assertEquals(List.of("push blob 64 MiB", "berth", "2.00", "1.00", "32", "3.0", "2", "20", "100", "1.50", "1.00",
        busy, "1"), row);
  }

  @Test
  void failuresAreCountedAndListed() {
    sample(ClientKind.BERTH, 2.0, 1.0, 3);
    results.fail(Workload.PUSH_BLOB, Contender.of(ClientKind.BERTH, 3), "run 2: refused");

    Report report = new Report(results, data, Map.of("runs", 2));

    assertEquals("1 (1 failed)", report.medians().get(1).get(12));
    assertTrue(report.text().contains("FAILED push-blob berth: run 2: refused"));
    assertTrue(report.markdown().startsWith("## berth benchmark\n\n- runs: 2\n"));
  }

  @Test
  void sequentialBerthAddsTheSpeedupOfConcurrency() {
    results.add(Workload.PUSH_BLOB, Contender.of(ClientKind.BERTH, 3),
        new Sample(1, 1_000_000_000, 1_000_000_000, 3, 3, 1, 1, -1, -1));
    results.add(Workload.PUSH_BLOB, Contender.sequential(ClientKind.BERTH),
        new Sample(1, 3_500_000_000L, 3_000_000_000L, 3, 1, 1, 1, -1, -1));

    List<List<String>> ratios = new Report(results, data, Map.of()).ratios();

    assertEquals("speedup of concurrency", ratios.get(0).get(4));
    assertEquals("3.50x (3.00x)", ratios.get(1).get(4));
  }

  @Test
  void textTableAlignsNamesLeftAndFiguresRight() {
    String table = Report.aligned(List.of(List.of("workload", "client", "wall s"), List.of("push", "berth", "10.5"),
        List.of("pull blob", "raw", "2.0")));
    assertEquals("""
        workload   client  wall s
        push       berth     10.5
        pull blob  raw        2.0
        """, table);
  }
}

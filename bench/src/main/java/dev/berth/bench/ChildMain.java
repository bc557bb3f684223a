package dev.berth.bench;

import java.nio.file.Path;

/**
 * The entry point of a benchmark child JVM: does one workload with one client and prints a {@link
 * ChildResult}. The parent measures the whole process from outside; this process measures the
 * operation itself and reads its own memory peaks at the end.
 *
 * <p>Arguments: {@code CLIENT WORKLOAD BASE_URL REPOSITORY DATASET_DIR CONCURRENCY}.
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) {
    if (args.length != 6) {
      System.err.println("usage: ChildMain CLIENT WORKLOAD BASE_URL REPOSITORY DATASET_DIR CONCURRENCY");
      System.exit(2);
    }
    int code = 0;
    ChildResult result;
    long start = System.nanoTime();
    try {
      ClientKind kind = ClientKind.byId(args[0]);
      Workload workload = Workload.byId(args[1]);
      Job job = new Job(args[2], args[3], DataSet.load(Path.of(args[4])), Integer.parseInt(args[5]));
      try (BenchClient client = kind.create(job)) {
        client.run(workload);
      }
      result = new ChildResult(true, System.nanoTime() - start, ProcessStats.peakRssKib(),
          ProcessStats.peakHeapBytes(), ProcessStats.ownCpuNanos(), null);
    } catch (Throwable t) {
      t.printStackTrace();
      result = new ChildResult(false, System.nanoTime() - start, ProcessStats.peakRssKib(),
          ProcessStats.peakHeapBytes(), ProcessStats.ownCpuNanos(), String.valueOf(t));
      code = 1;
    }
    System.out.println(result.toLine());
    System.out.flush();
    // Some clients leave non-daemon threads behind (HTTP pools); the measurement is over.
    System.exit(code);
  }
}

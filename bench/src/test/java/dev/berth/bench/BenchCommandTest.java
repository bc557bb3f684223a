package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.copy.CopyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
  private static BenchSettings parse(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void defaultsAreTheIssuesWorkloadsForEveryClient() {
    BenchSettings s = parse();

    assertEquals(new DataShape(256L << 20, 8, 32L << 20, 200, 1024, 1), s.shape());
    assertEquals(5, s.runs());
    assertEquals(CopyOptions.DEFAULT_CONCURRENCY, s.concurrency());
    assertEquals(List.of(ClientKind.BERTH, ClientKind.RAW, ClientKind.ORAS_JAVA, ClientKind.JIB), s.clients());
    assertEquals(List.of(Workload.values()), s.workloads());
    assertFalse(s.sequential());
  }

  @Test
  void latencyAlsoRunsBerthOneBlobAtATime() {
    BenchSettings s = parse("--latency", "50");

    assertEquals(50, s.latencyMillis());
    assertTrue(s.sequential());
  }

  @Test
  void hugeIsBerthAloneWithA4GiBBlobInA64MiBHeap() {
    BenchSettings s = parse("--huge", "--jvm-arg", "-XX:+UseSerialGC");

    assertEquals(4L << 30, s.shape().blobSize());
    assertEquals(0, s.shape().layerCount());
    assertEquals(List.of(ClientKind.BERTH), s.clients());
    assertEquals(List.of(Workload.PUSH_BLOB, Workload.PULL_BLOB), s.workloads());
    assertEquals(List.of("-XX:+UseSerialGC", "-Xmx64m"), s.jvmArgs());
    assertEquals(1, s.runs());
  }

  @Test
  void clientsAndWorkloadsCanBeChosen() {
    BenchSettings s = parse("--clients", "berth,jib", "--workloads", "pull-small", "--size", "1MiB");

    assertEquals(List.of(ClientKind.BERTH, ClientKind.JIB), s.clients());
    assertEquals(List.of(Workload.PULL_SMALL), s.workloads());
    assertEquals(1L << 20, s.shape().blobSize());
  }
}

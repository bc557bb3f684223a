package dev.berth.auth.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.DockerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins at the same time into one config.json (CI jobs on one runner, parallel steps) each read,
 * change and write the file: without a lock one overwrites the other's entry. Threads of one JVM and
 * two separate JVMs each store their own hosts at once; every entry must survive, and erases must not
 * bring back or drop others.
 */
class ConcurrentLoginTest {
  private static final int PER_WRITER = 12;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void loginsFromManyThreadsAtOnceAllKeepTheirEntry() throws Exception {
    Path file = dir.resolve("config.json");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String writer = "t" + t;
      done.add(pool.submit(() -> {
        start.await();
        storeHosts(file, writer);
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    for (int t = 0; t < threads; t++) {
      assertAllStored(file, "t" + t);
    }
    assertEquals(0, dev.berth.auth.internal.ConfigLock.held(), "in-process locks are dropped once unused");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void loginsFromTwoProcessesAtOnceAllKeepTheirEntry() throws Exception {
    Path file = dir.resolve("config.json");
    Path go = dir.resolve("go");
    List<Process> processes = new ArrayList<>();
    for (String writer : List.of("p1", "p2")) {
      processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), StoreHosts.class.getName(),
          file.toString(), writer, go.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve(writer + ".log").toFile()).start());
    }
    Files.createFile(go); // both JVMs wait for this, so their writes overlap
    for (Process p : processes) {
      assertTrue(p.waitFor(100, TimeUnit.SECONDS), "a writer process did not finish");
      assertEquals(0, p.exitValue(), () -> readLog(p));
    }
    assertAllStored(file, "p1");
    assertAllStored(file, "p2");
    assertFalse(Files.readString(file).isEmpty());
  }

  @Test
  void eraseAndStoreAtOnceKeepEachOthersEntries() throws Exception {
    Path file = dir.resolve("config.json");
    storeHosts(file, "keep");
    Thread eraser = new Thread(() -> {
      try {
        for (int i = 0; i < PER_WRITER; i++) {
          DockerConfig.at(file).erase("keep" + i + ".example");
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    eraser.start();
    storeHosts(file, "new");
    eraser.join();
    assertAllStored(file, "new");
    for (int i = 0; i < PER_WRITER; i++) {
      assertTrue(DockerConfig.at(file).credentialFor("keep" + i + ".example").isAnonymous());
    }
  }

  private String readLog(Process p) {
    try (var s = Files.list(dir)) {
      StringBuilder sb = new StringBuilder();
      for (Path log : s.filter(f -> f.toString().endsWith(".log")).toList()) {
        sb.append(Files.readString(log));
      }
      return sb.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  static void storeHosts(Path file, String writer) throws IOException {
    for (int i = 0; i < PER_WRITER; i++) {
      DockerConfig.at(file).store(writer + i + ".example", Credential.basic(writer, "pw-" + writer + i));
    }
  }

  private static void assertAllStored(Path file, String writer) throws IOException {
    for (int i = 0; i < PER_WRITER; i++) {
      Credential c = DockerConfig.at(file).credentialFor(writer + i + ".example");
      assertEquals(Credential.basic(writer, "pw-" + writer + i), c, writer + i + " lost");
    }
  }

  /** The second JVM's main: waits for the go file, then stores its hosts. */
  public static final class StoreHosts {
    public static void main(String[] args) throws Exception {
      Path go = Path.of(args[2]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(go) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      storeHosts(Path.of(args[0]), args[1]);
    }
  }
}

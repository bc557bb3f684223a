package dev.berth.bench;

import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.RegistryServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every selected client on every selected workload, {@code runs} times, each operation in its
 * own child JVM against a registry behind a counting (and optionally delaying) proxy. Clients take
 * turns workload by workload, in an order rotated each run, so that a burst of noise on the shared
 * machine does not land on one client's runs only; each run pushes to fresh repositories, and each
 * pull reads what the same client pushed in the same run.
 */
final class Benchmark {
  private final BenchSettings settings;
  private final PrintStream log;

  Benchmark(BenchSettings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  /** Everything measured, with the data set it was measured on. */
  record Outcome(Results results, DataSet data, Map<String, Object> context) {
    Report report() {
      return new Report(results, data, context);
    }
  }

  Outcome run() throws Exception {
    DataSet data = DataSet.prepare(settings.workDir().resolve("data"), settings.shape(), log);
    Path logDir = Files.createDirectories(settings.workDir().resolve("logs").resolve(
        "run-" + Instant.now().toString().replace(':', '-')));
    List<Contender> contenders = contenders();
    try (Registry registry = Registry.open(settings.registryUrl());
         FaultProxy proxy = FaultProxy.builder().target(registry.host(), registry.port())
             .latency(Duration.ofMillis(settings.latencyMillis())).start()) {
      ChildLauncher launcher = new ChildLauncher(settings.jvmArgs(), peerClassPath(), logDir,
          Duration.ofSeconds(settings.timeoutSeconds()));
      Map<String, Object> context = context(registry, launcher, contenders);
      log.println("child logs: " + logDir);
      Results results = new Results();
      String nonce = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
      for (int run = 1; run <= settings.runs(); run++) {
        // Workload by workload, every client back to back: the figures a ratio compares are measured
        // seconds apart, not minutes, so the shared machine's noise mostly cancels out of the ratio.
        for (Workload push : List.of(Workload.PUSH_BLOB, Workload.PUSH_ARTIFACT, Workload.PUSH_SMALL)) {
          for (Contender c : rotate(contenders, run - 1)) {
            if (!wanted(c, push, data)) {
              continue;
            }
            String repo = "bench/" + c.label() + "-" + push.id().replace("push-", "") + "-r" + run + "-" + nonce;
            Job job = new Job(proxy.baseUrl(), repo, data, c.concurrency());
            boolean pushed = measure(launcher, proxy, registry, results, c, push, job, run);
            Workload pull = pullOf(push);
            if (pushed && wanted(c, pull, data)) {
              measure(launcher, proxy, registry, results, c, pull, job, run);
            }
          }
        }
      }
      return new Outcome(results, data, context);
    }
  }

  /** Whether contender {@code c} runs workload {@code w} (a pull needs its push, so pushes of wanted pulls run). */
  private boolean wanted(Contender c, Workload w, DataSet data) {
    if (!w.applies(data)) {
      return false;
    }
    boolean layersOnly = c.label().endsWith("-seq");
    if (layersOnly && w != Workload.PUSH_ARTIFACT && w != Workload.PULL_ARTIFACT) {
      return false;
    }
    return settings.workloads().contains(w) || (w.isPush() && settings.workloads().contains(pullOf(w)));
  }

  private static Workload pullOf(Workload push) {
    return switch (push) {
      case PUSH_BLOB -> Workload.PULL_BLOB;
      case PUSH_ARTIFACT -> Workload.PULL_ARTIFACT;
      default -> Workload.PULL_SMALL;
    };
  }

  private boolean measure(ChildLauncher launcher, FaultProxy proxy, Registry registry, Results results, Contender c,
      Workload w, Job job, int run) throws IOException, InterruptedException {
    proxy.resetCounters();
    // The registry and the proxy (this process, otherwise idle) work for the client meanwhile: their CPU
    // time tells whether the machine, not the client's waiting, bounds the run.
    long serverCpuBefore = serverCpuNanos(registry);
    ChildLauncher.Outcome o = launcher.run(c, w, job, List.of());
    long serverCpuAfter = serverCpuNanos(registry);
    long serverCpu = serverCpuBefore < 0 || serverCpuAfter < 0 ? -1 : serverCpuAfter - serverCpuBefore;
    long requests = proxy.requestsSeen();
    long connections = proxy.connectionsAccepted();
    Files.writeString(o.log(), "\nrequests through the proxy (" + requests + ", on " + connections + " connections):\n"
        + String.join("\n", proxy.requests()) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    boolean record = settings.workloads().contains(w);
    if (!o.ok()) {
      log.printf(Locale.ROOT, "run %d/%d  %-10s %-12s FAILED: %s%n", run, settings.runs(), c.label(), w.id(), o.failure());
      if (record) {
        results.fail(w, c, "run " + run + ": " + o.failure());
      }
      return false;
    }
    ChildResult r = o.result();
    log.printf(Locale.ROOT, "run %d/%d  %-10s %-12s wall %6.2f s  op %6.2f s  %5d requests on %3d connections"
        + "  RSS %4d MiB  CPU %5.2f s + server %5.2f s%n", run, settings.runs(), c.label(), w.id(), o.wallNanos() / 1e9,
        r.opNanos() / 1e9, requests, connections, r.peakRssKib() / 1024, r.cpuNanos() / 1e9, serverCpu / 1e9);
    if (record) {
      results.add(w, c, new Sample(run, o.wallNanos(), r.opNanos(), requests, connections, r.peakRssKib(),
          r.peakHeapBytes(), r.cpuNanos(), serverCpu));
    }
    return true;
  }

  /** CPU time of the registry (when started here) and of this process, which runs the proxy; -1 if unknown. */
  private static long serverCpuNanos(Registry registry) {
    long own = ProcessStats.ownCpuNanos();
    long reg = registry.pid() < 0 ? -1 : ProcessStats.cpuNanosOf(registry.pid());
    return own < 0 || reg < 0 ? -1 : own + reg;
  }

  private List<Contender> contenders() {
    List<Contender> list = new ArrayList<>();
    for (ClientKind k : settings.clients()) {
      if (k.isPeer() && !peerAvailable(k)) {
        log.println("skipping " + k.id() + ": its jars are not on the class path and no bench-lib directory was"
            + " found (build with 'mvn -B package -pl examples -am', or pass --peer-lib)");
        continue;
      }
      list.add(Contender.of(k, settings.concurrency()));
    }
    boolean layers = settings.workloads().contains(Workload.PUSH_ARTIFACT)
        || settings.workloads().contains(Workload.PULL_ARTIFACT);
    if (settings.sequential() && layers && settings.clients().contains(ClientKind.BERTH)) {
      list.add(Contender.sequential(ClientKind.BERTH));
    }
    return list;
  }

  private static List<Contender> rotate(List<Contender> list, int by) {
    List<Contender> r = new ArrayList<>(list);
    if (!r.isEmpty()) {
      java.util.Collections.rotate(r, -(by % r.size()));
    }
    return r;
  }

  private boolean peerAvailable(ClientKind k) {
    return onOwnClassPath(k) || peerClassPath() != null;
  }

  private static boolean onOwnClassPath(ClientKind k) {
    return Benchmark.class.getClassLoader().getResource(k.probeClass().replace('.', '/') + ".class") != null;
  }

  /**
   * The peers' jars for the children: {@code --peer-lib}, else {@code bench-lib/} beside the jar this
   * runs from (bench/target/berth-bench.jar), else none (when run from classes with the peers on the
   * class path, as in the IDE or Maven, the children inherit them).
   */
  private String peerClassPath() {
    Path dir = settings.peerLib();
    if (dir == null) {
      String cp = System.getProperty("java.class.path");
      if (!cp.contains(File.pathSeparator) && cp.endsWith(".jar")) {
        Path jarDir = Path.of(cp).toAbsolutePath().getParent();
        dir = jarDir == null ? null : jarDir.resolve("bench-lib");
      }
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    return dir.toAbsolutePath() + File.separator + "*";
  }

  private Map<String, Object> context(Registry registry, ChildLauncher launcher, List<Contender> contenders) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("date", Instant.now().toString());
    c.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
    c.put("child JVM flags", launcher.jvmArgs().isEmpty() ? "(none)" : String.join(" ", launcher.jvmArgs()));
    c.put("registry", registry.description());
    c.put("added latency per request", settings.latencyMillis() + " ms");
    c.put("runs", settings.runs() + " (medians; each operation in a fresh JVM, fresh repository per run)");
    c.put("concurrency", settings.concurrency() + " (berth default; jib and raw get the same pool; oras-java"
        + " uses its own default)");
    c.put("clients", contenders.stream().map(Contender::label).toList());
    return c;
  }

  /** The registry under test: started here (and stopped at the end) or given by URL. */
  private static final class Registry implements AutoCloseable {
    private final RegistryServer server;
    private final String host;
    private final int port;
    private final String description;

    private Registry(RegistryServer server, String host, int port, String description) {
      this.server = server;
      this.host = host;
      this.port = port;
      this.description = description;
    }

    static Registry open(String url) {
      if (url != null) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme())) {
          throw new IllegalArgumentException("--registry must be an http:// URL (the counting proxy speaks"
              + " plain HTTP to it): " + url);
        }
        return new Registry(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, url);
      }
      if (!RegistryServer.isInstalled()) {
        throw new IllegalStateException("docker-registry is not installed at " + RegistryServer.BINARY
            + "; install Debian's docker-registry package or pass --registry http://HOST:PORT");
      }
      RegistryServer s = RegistryServer.start();
      return new Registry(s, "127.0.0.1", s.port(), "docker-registry (distribution 2.8) on loopback, filesystem"
          + " storage, started by the benchmark");
    }

    String host() {
      return host;
    }

    int port() {
      return port;
    }

    String description() {
      return description;
    }

    /** The registry's process id when started here, else -1 (its CPU time is then not measured). */
    long pid() {
      return server != null ? server.pid() : -1;
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}

package dev.berth.bench;

import dev.berth.core.copy.CopyOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth bench}: measures berth against oras-java, Jib's registry client and a raw HTTP floor on
 * a registry it starts itself, and prints the table. Also runnable on its own ({@link #main}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measure berth against oras-java, Jib and a raw HTTP floor: push and pull of one large blob, of an"
            + " artifact of several layers and of many small artifacts. Each operation runs in its own JVM"
            + " (same java, same flags); the table gives medians of whole-process time, MiB/s, HTTP requests"
            + " per artifact and peak heap and RSS, then berth's time as a ratio of each other client's.",
        "Starts its own docker-registry unless --registry is given; a counting proxy always sits in front."})
public final class BenchCommand implements Callable<Integer> {
  private static final long MIB = 1024 * 1024;

  @Option(names = "--registry", paramLabel = "URL", description = "An existing plain-HTTP registry (http://HOST:PORT)"
      + " instead of starting docker-registry.")
  String registry;

  @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Size of the large blob (default 256MiB; 4GiB with --huge).")
  Long size;

  @Option(names = "--layers", paramLabel = "N", defaultValue = "8", description = "Layers of the artifact (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--layer-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "32MiB",
      description = "Size of each layer (default ${DEFAULT-VALUE}).")
  long layerSize;

  @Option(names = "--small", paramLabel = "N", defaultValue = "200", description = "Number of small artifacts (default ${DEFAULT-VALUE}).")
  int small;

  @Option(names = "--small-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "1KiB",
      description = "Size of each small artifact's layer (default ${DEFAULT-VALUE}).")
  long smallSize;

  @Option(names = "--runs", paramLabel = "N", description = "Runs per client and workload; medians are reported"
      + " (default 5; 1 with --huge).")
  Integer runs;

  @Option(names = "--latency", paramLabel = "MS", defaultValue = "0",
      description = "Delay the proxy adds to every request, in milliseconds (default ${DEFAULT-VALUE}). Above 0,"
          + " berth also runs the layers workloads one blob at a time (berth-seq).")
  long latency;

  @Option(names = "--concurrency", paramLabel = "N", description = "Blobs moved at once by berth (its default),"
      + " Jib and the raw floor.")
  Integer concurrency;

  @Option(names = "--clients", paramLabel = "LIST", split = ",", description = "Clients to run, of berth, raw,"
      + " oras-java, jib (default all).")
  List<String> clients;

  @Option(names = "--workloads", paramLabel = "LIST", split = ",", description = "Workloads, of push-blob,"
      + " pull-blob, push-layers, pull-layers, push-small, pull-small (default all).")
  List<String> workloads;

  @Option(names = "--sequential", description = "Also run berth one blob at a time on the layers workloads.")
  boolean sequential;

  @Option(names = "--jvm-arg", paramLabel = "ARG", description = "A flag for every child JVM, e.g."
      + " -XX:+UseSerialGC or -XX:StartFlightRecording=filename=rec.jfr (repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--huge", description = "The constant-memory check: berth alone pushes and pulls a 4GiB blob"
      + " (or --size) in a child JVM with -Xmx64m; fails unless both succeed with peak RSS under 150MiB.")
  boolean huge;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where data sets are cached and logs and results"
      + " written (default: <tmp>/berth-bench).")
  Path workDir;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Results file name without extension; .md and"
      + " .json are written (default: <work-dir>/results-<time>).")
  Path out;

  @Option(names = "--peer-lib", paramLabel = "DIR", description = "The peers' jars (default: bench-lib beside"
      + " berth.jar, i.e. bench/target/bench-lib).")
  Path peerLib;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900", description = "Longest a child may"
      + " run (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--cli", description = "Whole-process CLI workloads instead: berth's commands through its launcher"
      + " against skopeo copy and the curl + openssl floor (cp registry to registry, to and from a layout, a"
      + " mount; blob get and put of 256MiB; --version; tags of a layout), on two docker-registry instances.")
  boolean cli;

  @Option(names = "--berth", paramLabel = "PATH", description = "The berth launcher --cli runs (default: the"
      + " ./berth that started this bench).")
  Path berthLauncher;

  @Option(names = "--java-home", paramLabel = "DIR", description = "With --cli: the JDK berth runs on (its bin is put"
      + " first on berth's PATH), e.g. /usr/lib/jvm/temurin-25-jdk-amd64.")
  Path javaHome;

  @Option(names = "--cli-workloads", paramLabel = "LIST", split = ",", description = "With --cli: of cp-1x44MiB,"
      + " cp-8x32MiB, cp-to-layout, cp-from-layout, cp-mount, blob-get, blob-put, version, tags-layout (default all).")
  List<String> cliWorkloads;

  /** Peak RSS the constant-memory check allows. */
  static final long HUGE_RSS_LIMIT_MIB = 150;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (cli) {
      return callCli();
    }
    BenchSettings settings = settings();
    PrintStream log = System.err;
    Benchmark.Outcome outcome = new Benchmark(settings, log).run();
    Report report = outcome.report();
    String text = report.text();
    String verdict = huge ? HugeVerdict.of(outcome, HUGE_RSS_LIMIT_MIB) : null;
    System.out.println();
    System.out.print(text);
    if (verdict != null) {
      System.out.println(verdict);
    }
    Path md = Path.of(settings.out() + ".md");
    Files.createDirectories(md.toAbsolutePath().getParent());
    Files.writeString(md, report.markdown() + (verdict != null ? "\n" + verdict + "\n" : ""), StandardCharsets.UTF_8);
    report.writeJson(Path.of(settings.out() + ".json"));
    log.println("wrote " + md + " and " + settings.out() + ".json");
    return verdict != null && !verdict.startsWith("PASS") ? 1 : 0;
  }

  private int callCli() throws Exception {
    Path launcher = berthLauncher != null ? berthLauncher
        : System.getenv("BERTH_LAUNCHER") != null ? Path.of(System.getenv("BERTH_LAUNCHER")) : null;
    if (launcher == null || !Files.isExecutable(launcher)) {
      throw new IllegalArgumentException("--cli needs the berth launcher: run it as ./berth bench --cli, or give --berth PATH");
    }
    java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    if (javaHome != null) {
      env.put("PATH", javaHome.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
    }
    Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "berth-bench");
    int n = runs != null ? runs : 5;
    List<CliBenchmark.Pairs> pairs = new CliBenchmark(launcher, env, n, seed, dir, timeoutSeconds, System.err)
        .run(cliWorkloads);
    String table = CliBenchmark.table(pairs);
    System.out.println();
    System.out.print(table);
    Path md = Path.of((out != null ? out : dir.resolve("cli-results-" + java.time.LocalDateTime.now().withNano(0)
        .toString().replace(':', '-'))) + ".md");
    Files.createDirectories(md.toAbsolutePath().getParent());
    Files.writeString(md, "berth: " + launcher + (javaHome != null ? " on " + javaHome : "") + ", medians of " + n
        + " paired runs\n\n" + table, StandardCharsets.UTF_8);
    System.err.println("wrote " + md);
    return pairs.stream().allMatch(p -> p.berth().stream().allMatch(CliRun::ok)) ? 0 : 1;
  }

  BenchSettings settings() {
    Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "berth-bench");
    Path outFile = out != null ? out : dir.resolve("results-" + java.time.LocalDateTime.now().withNano(0)
        .toString().replace(':', '-'));
    List<ClientKind> kinds = new ArrayList<>();
    List<Workload> selected = new ArrayList<>();
    List<String> childFlags = new ArrayList<>(jvmArgs);
    DataShape shape;
    int n;
    if (huge) {
      kinds.add(ClientKind.BERTH);
      selected.addAll(List.of(Workload.PUSH_BLOB, Workload.PULL_BLOB));
      childFlags.add("-Xmx64m");
      shape = new DataShape(size != null ? size : 4096 * MIB, 0, 1, 0, 1, seed);
      n = runs != null ? runs : 1;
    } else {
      (clients == null ? List.of("berth", "raw", "oras-java", "jib") : clients)
          .forEach(c -> kinds.add(ClientKind.byId(c.trim())));
      if (workloads == null) {
        selected.addAll(List.of(Workload.values()));
      } else {
        workloads.forEach(w -> selected.add(Workload.byId(w.trim())));
      }
      shape = new DataShape(size != null ? size : 256 * MIB, layers, layerSize, small, smallSize, seed);
      n = runs != null ? runs : 5;
    }
    if (n < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    int c = concurrency != null ? concurrency : CopyOptions.DEFAULT_CONCURRENCY;
    return new BenchSettings(shape, n, c, latency, registry, kinds, selected, childFlags, dir, outFile, peerLib,
        sequential || latency > 0, timeoutSeconds);
  }
}

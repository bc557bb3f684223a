package dev.berth.bench;

import dev.berth.core.Descriptor;
import dev.berth.core.remote.RegistryClient;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code berth bench --cli}: berth's command line as a user runs it (the launcher, a fresh JVM per
 * command) against the tools a user would otherwise pick: {@code skopeo copy} (its blob-info cache
 * cleared before each run, a fresh destination repository each run) and the curl + openssl floor. Two
 * docker-registry instances on loopback; every run pairs berth with its peer back to back, in an order
 * that alternates, so the shared machine's noise mostly cancels out of the per-run ratios.
 */
final class CliBenchmark {
  private static final long MIB = 1024 * 1024;
  private static final List<Path> SKOPEO_CACHES = List.of(Path.of("/var/lib/containers/cache"),
      Path.of(System.getProperty("user.home"), ".local/share/containers/cache"));

  private final Path berth;
  private final Map<String, String> berthEnv;
  private final int runs;
  private final long seed;
  private final Path workDir;
  private final long timeoutSeconds;
  private final PrintStream log;

  CliBenchmark(Path berth, Map<String, String> berthEnv, int runs, long seed, Path workDir, long timeoutSeconds,
      PrintStream log) {
    this.berth = berth;
    this.berthEnv = berthEnv;
    this.runs = runs;
    this.seed = seed;
    this.workDir = workDir;
    this.timeoutSeconds = timeoutSeconds;
    this.log = log;
  }

  /** One workload's runs: berth's and the peer's, index by index. */
  record Pairs(CliWorkload workload, List<CliRun> berth, List<CliRun> peer) {}

  List<Pairs> run(List<String> only) throws Exception {
    Path data = Files.createDirectories(workDir.resolve("cli-data"));
    Path scratch = Files.createDirectories(workDir.resolve("cli-scratch"));
    try (RegistryServer a = RegistryServer.start(); RegistryServer b = RegistryServer.start()) {
      RegistryClient client = RegistryClient.builder().plainHttp(a.host()).plainHttp(b.host()).build();
      CliData.pushImage(client.repository(a.host() + "/bench/one"), "v1", 1, 44 * MIB, seed, data, log);
      CliData.pushImage(client.repository(a.host() + "/bench/eight"), "v1", 8, 32 * MIB, seed + 1, data, log);
      Descriptor blob = CliData.pushBlob(client.repository(a.host() + "/bench/blob"), 256 * MIB, seed, data, log);
      Path blobFile = CliData.blobFile(data, 256 * MIB, seed);
      Path fixedLayout = scratch.resolve("layout-fixed");
      if (!Files.isDirectory(fixedLayout)) {
        CliRun r = CliRun.measure(berthCommand("--plain-http", "cp", a.host() + "/bench/one:v1", "oci:" + fixedLayout + ":v1"),
            scratch, berthEnv, scratch, timeoutSeconds);
        if (!r.ok()) {
          throw new IOException("cannot make the layout for the tags workload: " + r.stderr());
        }
      }
      List<CliWorkload> workloads = workloads(a.host(), b.host(), blob, blobFile, scratch, fixedLayout);
      int base = (int) (System.currentTimeMillis() / 1000 % 1_000_000) * 100; // fresh names in every bench
      List<Pairs> out = new ArrayList<>();
      for (CliWorkload w : workloads) {
        if (only != null && !only.contains(w.id())) {
          continue;
        }
        List<CliRun> berthRuns = new ArrayList<>();
        List<CliRun> peerRuns = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
          int tag = base + run;
          boolean berthFirst = run % 2 == 1;
          for (int turn = 0; turn < 2; turn++) {
            boolean isBerth = (turn == 0) == berthFirst;
            if (!isBerth && !w.hasPeer()) {
              continue;
            }
            if (!isBerth) {
              clearSkopeoCache();
            }
            List<String> command = isBerth ? w.berth().forRun(tag) : w.peerCommand().forRun(tag);
            CliRun r = CliRun.measure(command, scratch, isBerth ? berthEnv : Map.of(), scratch, timeoutSeconds);
            (isBerth ? berthRuns : peerRuns).add(r);
            log.printf(Locale.ROOT, "run %d/%d  %-14s %-8s %6.2f s  %5.2f CPU-s  %4d MiB%s%n", run, runs, w.id(),
                isBerth ? "berth" : w.peer(), r.seconds(), r.cpuSeconds(), r.peakRssKib() / 1024,
                r.ok() ? "" : "  FAILED (exit " + r.exit() + "): " + r.stderr().strip());
            cleanScratch(scratch, fixedLayout);
          }
        }
        out.add(new Pairs(w, berthRuns, peerRuns));
      }
      return out;
    }
  }

  private List<CliWorkload> workloads(String a, String b, Descriptor blob, Path blobFile, Path scratch,
      Path fixedLayout) {
    String digest = blob.digest().toString();
    List<CliWorkload> w = new ArrayList<>();
    w.add(new CliWorkload("cp-1x44MiB", "cp registry to registry, 1 layer of 44 MiB", "skopeo",
        r -> berthCommand("--plain-http", "cp", a + "/bench/one:v1", b + "/cp1/berth-" + r + ":v1"),
        r -> skopeo("docker://" + a + "/bench/one:v1", "docker://" + b + "/cp1/skopeo-" + r + ":v1")));
    w.add(new CliWorkload("cp-8x32MiB", "cp registry to registry, 8 layers of 32 MiB", "skopeo",
        r -> berthCommand("--plain-http", "cp", a + "/bench/eight:v1", b + "/cp8/berth-" + r + ":v1"),
        r -> skopeo("docker://" + a + "/bench/eight:v1", "docker://" + b + "/cp8/skopeo-" + r + ":v1")));
    w.add(new CliWorkload("cp-to-layout", "cp registry to OCI layout, 44 MiB", "skopeo",
        r -> berthCommand("--plain-http", "cp", a + "/bench/one:v1", "oci:" + scratch.resolve("out-berth-" + r) + ":v1"),
        r -> skopeo("docker://" + a + "/bench/one:v1", "oci:" + scratch.resolve("out-skopeo-" + r) + ":v1")));
    w.add(new CliWorkload("cp-from-layout", "cp OCI layout to registry, 44 MiB", "skopeo",
        r -> berthCommand("--plain-http", "cp", "oci:" + fixedLayout + ":v1", b + "/back/berth-" + r + ":v1"),
        r -> skopeo("oci:" + fixedLayout + ":v1", "docker://" + b + "/back/skopeo-" + r + ":v1")));
    w.add(new CliWorkload("cp-mount", "cp to another repository of the same registry, 44 MiB", "skopeo",
        r -> berthCommand("--plain-http", "cp", a + "/bench/one:v1", a + "/mount/berth-" + r + ":v1"),
        r -> skopeo("docker://" + a + "/bench/one:v1", "docker://" + a + "/mount/skopeo-" + r + ":v1")));
    w.add(new CliWorkload("blob-get", "blob get 256 MiB to a file, verified", "curl|openssl",
        r -> berthCommand("--plain-http", "blob", "get", a + "/bench/blob@" + digest, "-o",
            scratch.resolve("get-berth-" + r).toString()),
        r -> List.of("sh", "-c", "curl -sSf http://" + a + "/v2/bench/blob/blobs/" + digest + " | tee "
            + scratch.resolve("get-floor-" + r) + " | openssl dgst -sha256 | grep -q " + blob.digest().hex())));
    w.add(new CliWorkload("blob-put", "blob put 256 MiB to a fresh repository", "curl floor",
        r -> berthCommand("--plain-http", "blob", "put", b + "/put/berth-" + r, blobFile.toString()),
        // The floor knows the digest: POST for a session, one streaming PUT with ?digest=.
        r -> List.of("sh", "-c", "loc=$(curl -sSf -X POST -D - -o /dev/null http://" + b + "/v2/put/floor-" + r
            + "/blobs/uploads/ | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p') && curl -sSf -X PUT -T " + blobFile
            + " -H 'Content-Type: application/octet-stream' \"$loc&digest=" + digest + "\" -o /dev/null")));
    w.add(new CliWorkload("version", "berth --version", null, r -> berthCommand("--version"), null));
    w.add(new CliWorkload("tags-layout", "berth tags oci:DIR", null, r -> berthCommand("tags", "oci:" + fixedLayout),
        null));
    return w;
  }

  private List<String> berthCommand(String... args) {
    List<String> c = new ArrayList<>(List.of(berth.toString()));
    c.addAll(List.of(args));
    return c;
  }

  private static List<String> skopeo(String src, String dst) {
    return List.of("skopeo", "--insecure-policy", "copy", "--quiet", "--src-tls-verify=false",
        "--dest-tls-verify=false", src, dst);
  }

  /** skopeo remembers where blobs live (its blob-info cache) and would skip work a first copy does. */
  private static void clearSkopeoCache() throws IOException {
    for (Path dir : SKOPEO_CACHES) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          for (Path p : s.filter(p -> p.getFileName().toString().startsWith("blob-info-cache")).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** Deletes what a run wrote locally (pulled blobs, layouts), keeping the fixed layout. */
  private static void cleanScratch(Path scratch, Path keep) throws IOException {
    try (Stream<Path> s = Files.list(scratch)) {
      for (Path p : s.filter(p -> !p.equals(keep)).toList()) {
        deleteTree(p);
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(p)) {
        for (Path c : s.toList()) {
          deleteTree(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }

  /** The markdown table: medians, and the median of per-run ratios (berth / peer). */
  static String table(List<Pairs> pairs) {
    StringBuilder sb = new StringBuilder();
    sb.append("| workload | berth: time, CPU, peak RSS | peer | peer: time, CPU, peak RSS | time ratio | CPU ratio |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (Pairs p : pairs) {
      sb.append("| ").append(p.workload().description()).append(" | ").append(cell(p.berth())).append(" | ");
      if (!p.workload().hasPeer()) {
        sb.append("- | - | - | - |\n");
        continue;
      }
      sb.append(p.workload().peer()).append(" | ").append(cell(p.peer())).append(" | ")
          .append(ratio(p, CliRun::seconds)).append(" | ").append(ratio(p, CliRun::cpuSeconds)).append(" |\n");
    }
    return sb.toString();
  }

  private static String cell(List<CliRun> runs) {
    List<CliRun> ok = runs.stream().filter(CliRun::ok).toList();
    if (ok.isEmpty()) {
      return "failed";
    }
    String failed = ok.size() < runs.size() ? " (" + (runs.size() - ok.size()) + " of " + runs.size() + " failed)" : "";
    return String.format(Locale.ROOT, "%.2f s, %.2f CPU-s, %d MiB%s", Median.of(ok, CliRun::seconds),
        Median.of(ok, CliRun::cpuSeconds), Math.round(Median.of(ok, r -> r.peakRssKib() / 1024.0)), failed);
  }

  private static String ratio(Pairs p, java.util.function.ToDoubleFunction<CliRun> f) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(p.berth().size(), p.peer().size()); i++) {
      CliRun b = p.berth().get(i);
      CliRun q = p.peer().get(i);
      if (b.ok() && q.ok() && f.applyAsDouble(q) > 0) {
        ratios.add(f.applyAsDouble(b) / f.applyAsDouble(q));
      }
    }
    return ratios.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", Median.of(ratios, d -> d));
  }

  /** Context for the report: where the commands came from. */
  static Map<String, String> context(Path berth, Map<String, String> env) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("berth", berth.toString());
    c.putAll(env);
    return c;
  }
}

package dev.berth.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one child JVM per measured operation with the same {@code java} and the same flags as this
 * one (plus any the benchmark adds for all), so that time and memory are whole-process figures that
 * compare fairly. Peers get their jars appended to the class path; berth's child never sees them.
 */
final class ChildLauncher {
  /** The outcome of one child: wall time measured from here, and what the child reported. */
  record Outcome(long wallNanos, ChildResult result, Path log) {
    boolean ok() {
      return result != null && result.ok();
    }

    String failure() {
      if (result == null) {
        return "the child printed no result; see " + log;
      }
      return result.error() + "; see " + log;
    }
  }

  private final String javaCommand;
  private final List<String> jvmArgs;
  private final String classPath;
  private final String peerClassPath;
  private final Path logDir;
  private final Duration timeout;
  private int counter;

  ChildLauncher(List<String> extraJvmArgs, String peerClassPath, Path logDir, Duration timeout) {
    this.javaCommand = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    this.jvmArgs = new ArrayList<>(inheritedJvmArgs());
    this.jvmArgs.addAll(extraJvmArgs);
    this.classPath = System.getProperty("java.class.path");
    this.peerClassPath = peerClassPath;
    this.logDir = logDir;
    this.timeout = timeout;
  }

  /** The flags children inherit: this JVM's, minus agents and recordings meant for this process only. */
  static List<String> inheritedJvmArgs() {
    List<String> args = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-javaagent")
          || a.startsWith("-Xrunjdwp") || a.startsWith("-XX:StartFlightRecording")
          || a.startsWith("-XX:FlightRecorderOptions") || a.startsWith("-Dberth.bench.")) {
        continue;
      }
      args.add(a);
    }
    return args;
  }

  /** The flags every child gets. */
  List<String> jvmArgs() {
    return List.copyOf(jvmArgs);
  }

  Outcome run(Contender c, Workload workload, Job job, List<String> moreJvmArgs) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand);
    cmd.addAll(jvmArgs);
    cmd.addAll(moreJvmArgs);
    cmd.add("-cp");
    cmd.add(c.kind().isPeer() && peerClassPath != null ? classPath + File.pathSeparator + peerClassPath : classPath);
    cmd.add(ChildMain.class.getName());
    cmd.add(c.kind().id());
    cmd.add(workload.id());
    cmd.add(job.baseUrl());
    cmd.add(job.repository());
    cmd.add(job.data().dir().toString());
    cmd.add(String.valueOf(job.concurrency()));
    String name = String.format("%03d-%s-%s", ++counter, c.label(), workload.id());
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".log");
    Files.writeString(err, String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    long start = System.nanoTime();
    Process p = pb.start();
    // A benchmark stopped with Ctrl-C must not leave its child running (and writing to the registry).
    Thread reaper = new Thread(p::destroyForcibly, "bench-child-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      return await(p, start, out, err);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or will run: nothing to remove
      }
    }
  }

  private Outcome await(Process p, long start, Path out, Path err) throws IOException, InterruptedException {
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
      Files.writeString(err, "\nkilled after " + timeout + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      return new Outcome(System.nanoTime() - start, null, err);
    }
    long wall = System.nanoTime() - start;
    ChildResult result = ChildResult.find(Files.readAllLines(out, StandardCharsets.UTF_8));
    if (result != null && !result.ok()) {
      Files.writeString(err, "\n" + Files.readString(out, StandardCharsets.UTF_8), StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    }
    return new Outcome(wall, result, err);
  }
}

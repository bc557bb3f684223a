package dev.berth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One whole command as a user runs it, under GNU time: wall time, CPU-seconds (user + system, the
 * command and everything it waited for) and peak RSS (the largest process of the command, e.g. the
 * JVM, or the biggest member of a curl | openssl pipeline).
 */
record CliRun(double seconds, double cpuSeconds, long peakRssKib, int exit, String stderr) {
  static final Path GNU_TIME = Path.of("/usr/bin/time");

  boolean ok() {
    return exit == 0;
  }

  /** Runs {@code command} in {@code dir} with {@code env} added, measured; waits at most {@code timeoutSeconds}. */
  static CliRun measure(List<String> command, Path dir, Map<String, String> env, Path scratch, long timeoutSeconds)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(GNU_TIME)) {
      throw new IllegalStateException(GNU_TIME + " (GNU time, Debian package \"time\") is needed for --cli");
    }
    Path stats = Files.createTempFile(scratch, "time-", ".txt");
    Path err = Files.createTempFile(scratch, "err-", ".txt");
    List<String> full = new ArrayList<>(List.of(GNU_TIME.toString(), "-q", "-f", "%e %U %S %M", "-o", stats.toString()));
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException(command + " did not finish within " + timeoutSeconds + " s");
    }
    String[] f = Files.readString(stats, StandardCharsets.UTF_8).trim().split("\\s+");
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(stats);
    Files.delete(err);
    if (f.length < 4) {
      return new CliRun(Double.NaN, Double.NaN, -1, p.exitValue(), stderr);
    }
    int n = f.length;
    return new CliRun(Double.parseDouble(f[n - 4]), Double.parseDouble(f[n - 3]) + Double.parseDouble(f[n - 2]),
        Long.parseLong(f[n - 1]), p.exitValue(), stderr);
  }
}

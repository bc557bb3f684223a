package dev.berth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code target/berth.jar} as its own process, the way a user runs it: real argument parsing,
 * real exit codes, real stdout and stderr. Each instance has its own HOME and DOCKER_CONFIG in a temp
 * directory, so no test reads or writes the machine's credentials, and no GitHub token leaks in.
 */
final class BerthJar {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path jar;
  private final Path home;
  private final Path workDir;
  private final Map<String, String> env = new LinkedHashMap<>();

  BerthJar(Path scratch) throws IOException {
    String jarProperty = System.getProperty("berth.jar");
    if (jarProperty == null) {
      throw new IllegalStateException("system property berth.jar is not set (run through failsafe: mvn verify)");
    }
    this.jar = Path.of(jarProperty);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the package phase builds it");
    }
    this.home = Files.createDirectories(scratch.resolve("home"));
    this.workDir = Files.createDirectories(scratch.resolve("cwd"));
    env.put("HOME", home.toString());
    env.put("DOCKER_CONFIG", home.resolve(".docker").toString());
  }

  /** The directory commands run in; relative paths in arguments resolve against it. */
  Path workDir() {
    return workDir;
  }

  /** The docker config.json `berth login` writes. */
  Path dockerConfigFile() {
    return home.resolve(".docker").resolve("config.json");
  }

  BerthJar env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Result run(String... args) throws Exception {
    return runWithStdin(null, args);
  }

  Result runWithStdin(String stdin, String... args) throws Exception {
    Path out = Files.createTempFile(home, "stdout", ".txt");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    Process p = processBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("berth " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
    }
    return new Result(List.of(args), p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Starts {@code berth args} without waiting, its output discarded: for tests that signal it. */
  Process start(String... args) throws IOException {
    return processBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private ProcessBuilder processBuilder(String... args) {
    // C1 only and the serial collector: a quarter less CPU per start on the shared 2-core machine; these
    // runs move kilobytes, so peak throughput does not matter here.
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().remove("GITHUB_TOKEN");
    pb.environment().remove("GITHUB_ACTOR");
    pb.environment().remove("REGISTRY_AUTH_FILE");
    pb.environment().remove("BERTH_STDERR_TTY");
    pb.environment().putAll(env);
    return pb;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** What one run printed and returned. */
  record Result(List<String> args, int exit, String out, String err) {
    /** stdout without its trailing line break. */
    String line() {
      return out.strip();
    }

    @Override
    public String toString() {
      return "berth " + String.join(" ", args) + " -> exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}

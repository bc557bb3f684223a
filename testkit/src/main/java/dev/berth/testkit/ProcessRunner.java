package dev.berth.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion with a timeout, capturing stdout and stderr.
 *
 * <p>Output goes to temp files rather than pipes, so a chatty program can never block on a full
 * pipe buffer while we wait for it.
 */
public final class ProcessRunner {
  private final Duration timeout;
  private final Map<String, String> environment;
  private final Path workingDirectory;

  private ProcessRunner(Duration timeout, Map<String, String> environment, Path workingDirectory) {
    this.timeout = timeout;
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
  }

  /** A runner with the given timeout, the inherited environment and working directory. */
  public static ProcessRunner withTimeout(Duration timeout) {
    return new ProcessRunner(timeout, Map.of(), null);
  }

  /** A copy that adds (or overrides) these environment variables. */
  public ProcessRunner withEnvironment(Map<String, String> env) {
    Map<String, String> merged = new java.util.HashMap<>(environment);
    merged.putAll(env);
    return new ProcessRunner(timeout, merged, workingDirectory);
  }

  /** A copy that runs programs in {@code dir}. */
  public ProcessRunner inDirectory(Path dir) {
    return new ProcessRunner(timeout, environment, dir);
  }

  /** The timeout after which a program is killed. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Runs {@code command} and returns its result whatever the exit code.
   *
   * @throws IOException if it cannot start or does not finish within the timeout (then it and its
   *     children are killed, and the message carries the tail of its stderr)
   */
  public Result run(List<String> command) throws IOException {
    Path out = Files.createTempFile("berth-proc-", ".out");
    Path err = Files.createTempFile("berth-proc-", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment);
      if (workingDirectory != null) {
        builder.directory(workingDirectory.toFile());
      }
      Process process = builder.start();
      boolean finished;
      try {
        finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
      if (!finished) {
        kill(process);
        throw new IOException("timed out after " + timeout + ": " + redacted(command)
            + "\nstderr: " + tail(Files.readString(err, StandardCharsets.UTF_8)));
      }
      return new Result(List.copyOf(command), process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code command} and returns its stdout, or throws with its stderr if it exits non-zero. */
  public String runChecked(List<String> command) throws IOException {
    return run(command).requireSuccess().stdout();
  }

  /** Kills a process and all its descendants, waiting briefly for them to go. */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The command line with the values of credential flags ({@code --creds}, {@code --password}...) hidden. */
  static String redacted(List<String> command) {
    StringBuilder line = new StringBuilder();
    boolean hideNext = false;
    for (String arg : command) {
      String shown = arg;
      if (hideNext) {
        shown = "***";
        hideNext = false;
      } else if (arg.startsWith("--") && (arg.contains("creds") || arg.contains("password"))) {
        int eq = arg.indexOf('=');
        if (eq > 0) {
          shown = arg.substring(0, eq + 1) + "***";
        } else {
          hideNext = true;
        }
      }
      line.append(line.length() == 0 ? "" : " ").append(shown);
    }
    return line.toString();
  }

  static String tail(String text) {
    int max = 4000;
    return text.length() <= max ? text : "..." + text.substring(text.length() - max);
  }

  /** What a finished program produced. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /** Whether the exit code was 0. */
    public boolean success() {
      return exitCode == 0;
    }

    /** Returns this result, or throws {@link ProcessFailedException} if the exit code was not 0. */
    public Result requireSuccess() throws ProcessFailedException {
      if (!success()) {
        throw new ProcessFailedException(this);
      }
      return this;
    }
  }

  /** A program exited with a non-zero code; the message holds its command line and stderr. */
  public static final class ProcessFailedException extends IOException {
    private final transient Result result;

    ProcessFailedException(Result result) {
      super(redacted(result.command()) + " exited " + result.exitCode() + "\nstderr: "
          + tail(result.stderr()) + (result.stdout().isBlank() ? "" : "\nstdout: " + tail(result.stdout())));
      this.result = result;
    }

    /** The failed program's result. */
    public Result result() {
      return result;
    }
  }
}

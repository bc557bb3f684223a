package dev.berth.auth.internal;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.AuthenticationException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs one credential-helper action: input on stdin, output collected, bounded by a timeout. */
public final class HelperProcess {
  /** Helpers answer with a few hundred bytes; more than this is not a helper's answer. */
  private static final int MAX_OUTPUT = 1 << 20;

  /** What the helper printed and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** A short description of a failure for messages: the first line of output, trimmed. */
    public String summary() {
      String text = !stderr.isBlank() ? stderr : stdout;
      String line = text.strip().lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public String toString() {
      return "Result[exitCode=" + exitCode + "]"; // output may hold a secret
    }
  }

  private HelperProcess() {}

  public static Result run(Path executable, String action, String input, Duration timeout, String displayName)
      throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(executable.toString(), action).start();
    } catch (IOException e) {
      throw new AuthenticationException(Reason.HELPER_FAILED,
          "could not start credential helper " + displayName + ": " + e.getMessage(), e);
    }
    Collector stdout = new Collector(process.getInputStream());
    Collector stderr = new Collector(process.getErrorStream());
    stdout.start();
    stderr.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // The helper may exit without reading its input; its exit code tells what happened.
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AuthenticationException(Reason.HELPER_FAILED, "credential helper " + displayName + " "
            + action + " did not finish within " + timeout.toSeconds() + " s");
      }
      stdout.join(timeout.toMillis());
      stderr.join(timeout.toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running credential helper " + displayName);
    }
    return new Result(process.exitValue(), stdout.text(), stderr.text());
  }

  /** Drains one stream on its own thread, so a helper that fills one pipe never blocks on it. */
  private static final class Collector extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Collector(InputStream in) {
      super("credential-helper-output");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          synchronized (out) {
            if (out.size() < MAX_OUTPUT) {
              out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
            }
          }
        }
      } catch (IOException ignored) {
        // The process was killed or closed its end; keep what arrived.
      }
    }

    String text() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }
  }
}

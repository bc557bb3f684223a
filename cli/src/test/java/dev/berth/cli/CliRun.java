package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code berth} in this JVM with captured streams; the end-to-end ITs run the real jar instead. */
record CliRun(int exit, String out, String err) {
  static CliRun run(String... args) {
    return runWithStdin("", args);
  }

  static CliRun runWithStdin(String stdin, String... args) {
    return run(stdin, System.getenv(), args);
  }

  /** Runs with {@code environment} in place of the process environment (credentials, GitHub Actions). */
  static CliRun runWithEnv(java.util.Map<String, String> environment, String... args) {
    return run("", environment, args);
  }

  private static CliRun run(String stdin, java.util.Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    Console console = new Console(out, new PrintWriter(err, true), false);
    int exit = Berth.run(console, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment, args);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}

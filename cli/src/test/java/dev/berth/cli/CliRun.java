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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    Console console = new Console(out, new PrintWriter(err, true), false);
    int exit = Berth.run(console, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}

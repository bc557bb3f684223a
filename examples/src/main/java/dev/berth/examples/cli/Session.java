package dev.berth.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One run of {@code berth}: the console, the global flags, and what the command is working on (so a
 * failure can be explained in terms of it).
 */
public final class Session {
  private final Console console;
  private final GlobalOptions options;
  private final InputStream stdin;
  private volatile FailureContext context = FailureContext.NONE;
  private char[] password;

  Session(Console console, GlobalOptions options, InputStream stdin) {
    this.console = console;
    this.options = options;
    this.stdin = stdin;
  }

  public Console console() {
    return console;
  }

  public GlobalOptions options() {
    return options;
  }

  /** What the command was working on, for failure hints. */
  public FailureContext failureContext() {
    return context;
  }

  /** Notes that the command now works on {@code target}, reading it or writing it. */
  public void workingOn(TargetArg target, boolean writing) {
    context = new FailureContext(target.host(), writing, target.repositoryText());
  }

  /**
   * The password or token from standard input (first line, without its line break), read once.
   *
   * @throws IllegalArgumentException when --password-stdin was not given or stdin is empty
   */
  public char[] password() throws IOException {
    if (password == null) {
      if (!options.passwordStdin()) {
        throw new IllegalArgumentException("a user name was given without a password: pass the password"
            + " or token on standard input with --password-stdin");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin was given but standard input was empty");
      }
      password = line.toCharArray();
    }
    return password.clone();
  }
}

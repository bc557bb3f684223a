package dev.berth.examples.cli;

import java.io.PrintWriter;

/**
 * Where a command writes. Results a script may consume (digests, references, tags) go to {@link #out()};
 * everything meant for a person (progress, notes, errors) goes to {@link #err()}, so that
 * {@code digest=$(berth push ...)} captures exactly the digest.
 */
public final class Console {
  /** Set by the {@code ./berth} launcher to 1 when stderr is a terminal; Java cannot ask that itself. */
  static final String STDERR_TTY_ENV = "BERTH_STDERR_TTY";

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean errIsTerminal;

  public Console(PrintWriter out, PrintWriter err, boolean errIsTerminal) {
    this.out = out;
    this.err = err;
    this.errIsTerminal = errIsTerminal;
  }

  /** The process's own streams; stderr counts as a terminal when the launcher says so or a console is attached. */
  public static Console system() {
    String flag = System.getenv(STDERR_TTY_ENV);
    boolean tty = flag != null ? flag.equals("1") : System.console() != null;
    return new Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true), tty);
  }

  /** Results for scripts. */
  public PrintWriter out() {
    return out;
  }

  /** Messages for people. */
  public PrintWriter err() {
    return err;
  }

  /** Whether stderr can show redrawn progress bars (otherwise progress is plain lines). */
  public boolean errIsTerminal() {
    return errIsTerminal;
  }

  /** Prints one result line to stdout. */
  public void result(String line) {
    out.println(line);
    out.flush();
  }

  /** Prints one note to stderr. */
  public void note(String line) {
    err.println(line);
    err.flush();
  }
}

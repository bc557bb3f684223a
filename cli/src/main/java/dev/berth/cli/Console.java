package dev.berth.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where a command writes. Results a script may consume (digests, references, tags) go to {@link #out()};
 * everything meant for a person (progress, notes, errors) goes to {@link #err()}, so that
 * {@code digest=$(berth push ...)} captures exactly the digest.
 */
public final class Console {
  /** Set by the {@code ./berth} launcher to 1 when stderr is a terminal; Java cannot ask that itself. */
  static final String STDERR_TTY_ENV = "BERTH_STDERR_TTY";

  private final OutputStream rawOut;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean errIsTerminal;

  /**
   * @param rawOut standard output, for results that are bytes (a manifest, a blob)
   * @param err standard error
   * @param errIsTerminal whether stderr can show redrawn progress bars
   */
  public Console(OutputStream rawOut, PrintWriter err, boolean errIsTerminal) {
    this.rawOut = rawOut;
    this.out = new PrintWriter(new OutputStreamWriter(rawOut, StandardCharsets.UTF_8), true);
    this.err = err;
    this.errIsTerminal = errIsTerminal;
  }

  /** The process's own streams; stderr counts as a terminal when the launcher says so or a console is attached. */
  public static Console system() {
    String flag = System.getenv(STDERR_TTY_ENV);
    boolean tty = flag != null ? flag.equals("1") : System.console() != null;
    return new Console(System.out, new PrintWriter(System.err, true), tty);
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

  /** Standard output as a byte stream, for streaming a blob; flush {@link #out()} first. */
  public OutputStream rawOut() {
    out.flush();
    return rawOut;
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

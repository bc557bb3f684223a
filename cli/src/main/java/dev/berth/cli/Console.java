package dev.berth.cli;

import dev.berth.core.remote.Redaction;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Where a command writes. Results a script may consume (digests, references, tags) go to {@link #out()};
 * everything meant for a person (progress, notes, errors) goes to {@link #err()}, so that
 * {@code digest=$(berth push ...)} captures exactly the digest.
 *
 * <p>Both text streams pass through a {@link TerminalWriter}: secrets the session's clients sent are
 * removed and control characters escaped, whatever the text's source. {@link #result} and {@link #note}
 * also escape newlines, so a name from a server cannot forge a second line.
 */
public final class Console {
  /** Set by the {@code ./berth} launcher to 1 when stderr is a terminal; Java cannot ask that itself. */
  static final String STDERR_TTY_ENV = "BERTH_STDERR_TTY";

  private final OutputStream rawOut;
  private final PrintWriter out;
  private final PrintWriter err;
  private final PrintWriter controlErr;
  private final boolean errIsTerminal;
  private final List<UnaryOperator<String>> redactions = new CopyOnWriteArrayList<>();

  /**
   * @param rawOut standard output, for results that are bytes (a manifest, a blob)
   * @param err standard error
   * @param errIsTerminal whether stderr can show redrawn progress bars
   */
  public Console(OutputStream rawOut, PrintWriter err, boolean errIsTerminal) {
    this.rawOut = rawOut;
    this.out = new PrintWriter(new TerminalWriter(new OutputStreamWriter(rawOut, StandardCharsets.UTF_8),
        this::withoutSecrets), true);
    this.err = new PrintWriter(new TerminalWriter(err, this::withoutSecrets), true);
    this.controlErr = err;
    this.errIsTerminal = errIsTerminal;
  }

  /** The process's own streams; stderr counts as a terminal when the launcher says so or a console is attached. */
  public static Console system() {
    String flag = System.getenv(STDERR_TTY_ENV);
    boolean tty = flag != null ? flag.equals("1") : System.console() != null;
    // Standard output as a plain FileOutputStream, not System.out: a PrintStream swallows write errors,
    // and a result lost to a full disk or a closed pipe must fail the command.
    return new Console(new FileOutputStream(FileDescriptor.out), new PrintWriter(System.err, true), tty);
  }

  /**
   * Flushes standard output and says whether anything written to it was lost (a full disk, a closed
   * pipe): the command must then fail, or a script would take a missing result for success.
   */
  public boolean outFailed() {
    boolean failed = out.checkError(); // flushes; true once any write through the writer failed
    if (rawOut instanceof PrintStream ps) {
      failed |= ps.checkError();
    }
    return failed;
  }

  /** Results for scripts. */
  public PrintWriter out() {
    return out;
  }

  /** Messages for people. */
  public PrintWriter err() {
    return err;
  }

  /**
   * Standard error without the escaping, for berth's own cursor movement (progress bars redrawn in
   * place); never for text that came from elsewhere.
   */
  PrintWriter controlErr() {
    err.flush();
    return controlErr;
  }

  /** From now on, text written here also goes through {@code redaction} (a client's secret removal). */
  public void redactWith(UnaryOperator<String> redaction) {
    redactions.add(redaction);
  }

  private String withoutSecrets(String text) {
    String out = text;
    for (UnaryOperator<String> r : redactions) {
      out = r.apply(out);
    }
    return out;
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
    out.println(Redaction.printable(line));
    out.flush();
  }

  /** Prints one note to stderr. */
  public void note(String line) {
    err.println(Redaction.printable(line));
    err.flush();
  }
}

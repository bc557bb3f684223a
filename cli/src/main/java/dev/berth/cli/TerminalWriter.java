package dev.berth.cli;

import dev.berth.core.remote.Redaction;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * The last guard between berth and a terminal: everything written through it, line by line, has the
 * secrets the session sent removed and every control character escaped except newline and tab, so no
 * text from a server (an error message, a name, a stack trace's message) can carry a credential to a
 * log or drive the terminal (ESC sequences, BEL, CR overwrites). berth's own cursor movement for
 * progress bars goes around it ({@link Console#controlErr()}).
 */
final class TerminalWriter extends Writer {
  private final Writer target;
  private final UnaryOperator<String> redact;
  private final StringBuilder line = new StringBuilder();

  /**
   * @param redact removes secrets from one line of text (without escaping anything)
   */
  TerminalWriter(Writer target, UnaryOperator<String> redact) {
    this.target = target;
    this.redact = redact;
  }

  @Override
  public synchronized void write(char[] buf, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == '\n') {
        emit();
        target.write('\n');
      } else {
        line.append(c);
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }

  private void emit() throws IOException {
    if (line.length() == 0) {
      return;
    }
    String text = redact.apply(line.toString());
    line.setLength(0);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t' || !Redaction.needsEscape(c)) {
        out.append(c);
      } else {
        out.append(Redaction.printable(String.valueOf(c)));
      }
    }
    target.write(out.toString());
  }
}

package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first line of standard input, as {@code --password-stdin} takes it: read a byte at a time up to
 * the first line break and never further (what follows is not ours), and never more than {@link
 * #MAX_BYTES}, so a stream without a line break (a file piped in by mistake, {@code /dev/zero}) is
 * refused instead of filling memory.
 */
final class PasswordLine {
  /** Far beyond any password or token (JWTs of a few KiB included). */
  static final int MAX_BYTES = 64 * 1024;

  private PasswordLine() {}

  /**
   * The line without its {@code \n} or {@code \r\n}, or null when the stream is empty.
   *
   * @throws IllegalArgumentException when no line break comes within {@link #MAX_BYTES}
   */
  static String read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() == MAX_BYTES) {
        throw new IllegalArgumentException("--password-stdin: standard input has no line break within the first "
            + MAX_BYTES + " bytes; pass the password or token as one line");
      }
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}

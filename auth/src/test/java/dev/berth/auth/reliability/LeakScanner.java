package dev.berth.auth.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every text a flow produces that a user might see or paste into an issue (exception messages
 * with their causes and stack traces, {@code toString()}s, what reached stdout, stderr and
 * java.util.logging) and fails if any of it holds a secret, plain or base64-encoded (as in a Basic header).
 */
final class LeakScanner implements AutoCloseable {
  private final List<String> secrets;
  private final List<String> seen = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final Handler logs = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (seen) {
        seen.add(record.getLoggerName() + " " + record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
        if (record.getThrown() != null) {
          seen.add(stackTrace(record.getThrown()));
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LeakScanner(String... secrets) {
    this.secrets = List.of(secrets);
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    root.setLevel(Level.ALL);
    root.addHandler(logs);
  }

  /** Records a throwable: its message, causes, suppressed exceptions and stack trace, all at once. */
  void scan(Throwable t) {
    synchronized (seen) {
      seen.add(stackTrace(t));
    }
  }

  /** Records any object's {@code toString()}. */
  void scan(Object o) {
    synchronized (seen) {
      seen.add(String.valueOf(o));
    }
  }

  int textsScanned() {
    synchronized (seen) {
      return seen.size() + 1;
    }
  }

  /** Restores the console and logging, then fails naming every text that held a secret. */
  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
    root.removeHandler(logs);
    root.setLevel(rootLevel);
    List<String> texts;
    synchronized (seen) {
      texts = new ArrayList<>(seen);
    }
    texts.add(console.toString(StandardCharsets.UTF_8));
    List<String> leaks = new ArrayList<>();
    for (String text : texts) {
      for (String secret : secrets) {
        for (String form : forms(secret)) {
          if (text.contains(form)) {
            leaks.add("[" + form + "] in: " + text.substring(0, Math.min(400, text.length())));
          }
        }
      }
    }
    if (!leaks.isEmpty()) {
      fail(leaks.size() + " leak(s):\n" + String.join("\n", leaks));
    }
  }

  private static List<String> forms(String secret) {
    String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    // The middle of the base64 text is the same whatever precedes the secret (e.g. "user:"), up to alignment.
    List<String> forms = new ArrayList<>(List.of(secret));
    for (int shift = 0; shift < 3; shift++) {
      String shifted = Base64.getEncoder().encodeToString(("x".repeat(shift) + secret).getBytes(StandardCharsets.UTF_8));
      forms.add(shifted.substring(4, shifted.length() - 4));
    }
    forms.add(b64.substring(0, b64.length() - 4));
    return forms;
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return t + "\n" + w;
  }
}

package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.remote.ProgressListener;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Shows blob transfers on stderr. On a terminal: one live line per blob in flight (bytes, rate, time
 * left), redrawn in place at most ten times a second, and a final line per finished blob. Elsewhere
 * (CI logs, files): only the final line per blob, because carriage-return redraws turn logs into noise.
 * Called from the copy's worker threads, hence synchronized.
 */
public final class ProgressBars implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final String verb;
  private final LongSupplier nanoTime;
  private final Map<String, Transfer> active = new LinkedHashMap<>();
  // Completion is reported twice for some transfers (the last byte count, then the copy's listener).
  private final Set<String> finished = new HashSet<>();
  private int drawnLines;
  private long lastDraw;

  /**
   * @param verb what is happening, e.g. {@code push} or {@code pull}; finished lines say {@code pushed}
   */
  public ProgressBars(Console console, String verb) {
    this(console.controlErr(), console.errIsTerminal(), verb, System::nanoTime);
  }

  ProgressBars(PrintWriter err, boolean terminal, String verb, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.verb = verb;
    this.nanoTime = nanoTime;
  }

  /** Records that {@code done} of {@code total} bytes of {@code blob} have moved. */
  @Override
  public synchronized void onProgress(Descriptor blob, long done, long total) {
    long now = nanoTime.getAsLong();
    Transfer t = active.computeIfAbsent(blob.digest().toString(), k -> new Transfer(blob, now));
    t.done = done;
    t.total = total > 0 ? total : blob.size();
    if (t.done >= t.total) {
      onDone(blob);
    } else if (terminal && now - lastDraw >= REDRAW_NANOS) {
      redraw(now);
    }
  }

  /** Records that {@code blob} has moved completely (or was already there). */
  @Override
  public synchronized void onDone(Descriptor blob) {
    if (!finished.add(blob.digest().toString())) {
      return;
    }
    long now = nanoTime.getAsLong();
    Transfer t = active.remove(blob.digest().toString());
    long elapsed = t == null ? 0 : now - t.start;
    String line = pastTense() + " " + shortDigest(blob) + "  " + Units.bytes(blob.size())
        + (elapsed > 0 ? " in " + Units.millis(elapsed) + " (" + Units.rate(blob.size(), elapsed) + ")" : "");
    if (terminal) {
      clearLive();
      err.println(line);
      drawLive(now);
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Removes the live lines, e.g. before the command prints its result. */
  public synchronized void finish() {
    if (terminal) {
      clearLive();
      err.flush();
    }
  }

  /** The live line for one transfer: digest, bar, bytes, rate and time left. */
  String liveLine(Transfer t, long now) {
    long elapsed = now - t.start;
    double fraction = t.total > 0 ? Math.min(1.0, (double) t.done / t.total) : 0;
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
    String eta = "-";
    if (t.done > 0 && elapsed > 0 && t.total > t.done) {
      double perByte = (double) elapsed / t.done;
      eta = Units.clock((long) Math.ceil(perByte * (t.total - t.done) / 1e9));
    }
    return verb + " " + shortDigest(t.blob) + " [" + bar + "] " + Units.bytes(t.done) + " / "
        + Units.bytes(t.total) + "  " + Units.rate(t.done, elapsed) + "  ETA " + eta;
  }

  private void redraw(long now) {
    clearLive();
    drawLive(now);
    err.flush();
  }

  private void drawLive(long now) {
    for (Transfer t : active.values()) {
      err.print("\u001b[2K" + liveLine(t, now) + "\n");
    }
    drawnLines = active.size();
    lastDraw = now;
  }

  private void clearLive() {
    // Move up over the lines drawn last time and erase them, leaving the cursor where they began.
    for (int i = 0; i < drawnLines; i++) {
      err.print("\u001b[1A\u001b[2K");
    }
    drawnLines = 0;
  }

  String pastTense() {
    if (verb.endsWith("e")) {
      return verb + "d";
    }
    // copy -> copied; but a vowel before the y keeps it (obey -> obeyed).
    if (verb.length() > 1 && verb.endsWith("y") && "aeiou".indexOf(verb.charAt(verb.length() - 2)) < 0) {
      return verb.substring(0, verb.length() - 1) + "ied";
    }
    return verb + "ed";
  }

  private static String shortDigest(Descriptor d) {
    String hex = d.digest().hex();
    return d.digest().algorithm() + ":" + hex.substring(0, Math.min(12, hex.length()));
  }

  static final class Transfer {
    final Descriptor blob;
    final long start;
    long done;
    long total;

    Transfer(Descriptor blob, long start) {
      this.blob = blob;
      this.start = start;
    }
  }
}

package dev.berth.maven.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.remote.ProgressListener;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reports each blob and manifest as it completes, one line each through Maven's logger. Byte counts are
 * not reported: a build log is not a terminal, and a line per percent would drown it.
 */
public final class LogProgress implements ProgressListener {
  private final String verb;
  private final Consumer<String> log;
  // A manifest is reported done when pushed and again when tagged: one line each is enough.
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /**
   * @param verb what happens to the content, such as "pushed" or "pulled"
   * @param log where the lines go (Maven's info log)
   */
  public LogProgress(String verb, Consumer<String> log) {
    this.verb = verb;
    this.log = log;
  }

  @Override
  public void onDone(Descriptor d) {
    if (!reported.add(d.digest().toString())) {
      return;
    }
    log.accept(verb + " " + d.digest().toString().substring(0, Math.min(19, d.digest().toString().length()))
        + " " + size(d.size()) + " " + d.mediaType());
  }

  /** {@code 12 B}, {@code 3.4 kB}, {@code 5.6 MB}: decimal units, as registries and docker print sizes. */
  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int i = -1;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}

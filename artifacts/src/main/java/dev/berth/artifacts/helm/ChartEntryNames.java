package dev.berth.artifacts.helm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The name checks of Helm's archive loader ({@code pkg/chart/loader/archive.go}, {@code
 * LoadArchiveFiles}), with its wording: the first path segment (the chart's directory) is dropped, and
 * what remains must be relative, stay below the chart directory and not look like a drive path.
 */
final class ChartEntryNames {
  private static final Pattern DRIVE_PATH = Pattern.compile("^[a-zA-Z]:/");

  private ChartEntryNames() {}

  /**
   * The entry's name below the chart directory, cleaned.
   *
   * @throws IllegalArgumentException with Helm's reason, prefixed by {@code what}
   */
  static String check(String entryName, String what) {
    String delimiter = entryName.indexOf('\\') >= 0 ? "\\" : "/";
    String[] parts = entryName.split(Pattern.quote(delimiter), -1);
    String n = String.join("/", java.util.Arrays.copyOfRange(parts, 1, parts.length));
    if (n.startsWith("/")) {
      throw refused(what, "chart illegally contains absolute paths");
    }
    n = clean(n);
    if (n.equals(".")) {
      throw refused(what, "chart illegally contains content outside the base directory: \"" + entryName + "\"");
    }
    if (n.startsWith("..")) {
      throw refused(what, "chart illegally references parent directory");
    }
    if (DRIVE_PATH.matcher(n).find()) {
      throw refused(what, "chart contains illegally named files");
    }
    if (parts[0].equals("Chart.yaml")) {
      throw refused(what, "chart yaml not in base directory");
    }
    return n;
  }

  private static IllegalArgumentException refused(String what, String helmReason) {
    return new IllegalArgumentException(what + ": " + helmReason + " (as Helm refuses it)");
  }

  /** Go's {@code path.Clean} for a relative path: "." for empty, ".." kept where nothing is left to pop. */
  static String clean(String p) {
    Deque<String> out = new ArrayDeque<>();
    for (String seg : p.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
        out.removeLast();
      } else {
        out.addLast(seg);
      }
    }
    return out.isEmpty() ? "." : String.join("/", out);
  }
}

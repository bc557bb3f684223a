package dev.berth.maven.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sets {@code version} and {@code appVersion} in a Chart.yaml, so a chart kept in {@code src/main/helm}
 * can carry the project's version without being edited by hand. Only the top-level lines change; every
 * other byte (comments, order, quoting) stays as written, which keeps the packaged chart reproducible.
 */
public final class ChartYaml {
  // What a chart version may hold: SemVer's characters. appVersion may also carry '_' (tags do).
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,127}");
  private static final Pattern APP_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,127}");

  private ChartYaml() {}

  /**
   * Returns {@code yaml} with its top-level {@code version:} and {@code appVersion:} replaced (added
   * when missing); a null value leaves that key as it is.
   *
   * @throws IllegalArgumentException when a value is not a plain version string (quotes, spaces, control
   *     characters could change the YAML's meaning), or when Chart.yaml is not UTF-8 text
   */
  public static byte[] withVersions(byte[] yaml, String version, String appVersion) {
    if (version != null && !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("chart version \"" + printable(version) + "\" is not a version"
          + " (letters, digits, '.', '+' and '-'; a SemVer such as 1.2.3 or 1.2.3-SNAPSHOT)");
    }
    if (appVersion != null && !APP_VERSION.matcher(appVersion).matches()) {
      throw new IllegalArgumentException("appVersion \"" + printable(appVersion) + "\" is not a plain"
          + " version (letters, digits, '.', '_', '+' and '-')");
    }
    String text = new String(yaml, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), yaml)) {
      throw new IllegalArgumentException("Chart.yaml is not UTF-8 text");
    }
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    boolean trailing = !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty();
    if (trailing) {
      lines.remove(lines.size() - 1);
    }
    set(lines, "version", version);
    set(lines, "appVersion", appVersion);
    String out = String.join(newline, lines) + newline;
    return out.getBytes(StandardCharsets.UTF_8);
  }

  private static void set(List<String> lines, String key, String value) {
    if (value == null) {
      return;
    }
    String line = key + ": \"" + value + "\"";
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      // Top level only: an indented "version:" belongs to a dependency entry.
      if (l.startsWith(key + ":") ) {
        lines.set(i, line);
        return;
      }
    }
    lines.add(line);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.length() > 80 ? b.substring(0, 80) + "..." : b.toString();
  }
}

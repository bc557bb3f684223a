package dev.berth.core.remote.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code rel="next"} target in {@code Link} headers (RFC 8288), which registries use to page
 * tag lists, catalogs and referrers: {@code </v2/name/tags/list?n=100&last=x>; rel="next"}.
 */
public final class LinkHeader {
  private LinkHeader() {}

  /** The next-page URI reference as written (often relative), or null when there is none. */
  public static @Nullable String next(List<String> values) {
    for (String value : values) {
      int i = 0;
      while (i < value.length()) {
        int open = value.indexOf('<', i);
        if (open < 0) {
          break;
        }
        int close = value.indexOf('>', open);
        if (close < 0) {
          break;
        }
        String target = value.substring(open + 1, close).trim();
        int end = paramsEnd(value, close + 1);
        String params = value.substring(close + 1, end);
        if (isNext(params)) {
          return target;
        }
        i = end + 1;
      }
    }
    return null;
  }

  /**
   * Where this link's parameters end: at the comma before the next link (not part of them, or a
   * {@code rel="next"} just before it would read as {@code "next",}), skipping commas inside quoted
   * parameter values.
   */
  private static int paramsEnd(String value, int from) {
    boolean quoted = false;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return i;
      }
    }
    return value.length();
  }

  private static boolean isNext(String params) {
    for (String param : params.split(";")) {
      String p = param.trim();
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String v = p.substring(eq + 1).trim();
      if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
        v = v.substring(1, v.length() - 1);
      }
      for (String rel : v.trim().split("\\s+")) {
        if (rel.equalsIgnoreCase("next")) {
          return true;
        }
      }
    }
    return false;
  }
}

package dev.berth.artifacts.github.internal;

import java.util.List;

/**
 * Reads the RFC 8288 {@code Link} header GitHub paginates with: {@code <url>; rel="next", ...}.
 *
 * <p>A single left-to-right scan with {@code indexOf}, no regular expression: the header comes from the
 * network, and a regex with nested repetition took quadratic time on a run of {@code <} and overflowed
 * the stack on a long run of parameters.
 */
public final class LinkHeader {
  private LinkHeader() {}

  /** The URL of the link with relation {@code rel} among {@code headers}, or null. */
  public static String find(List<String> headers, String rel) {
    for (String header : headers) {
      int i = 0;
      while (true) {
        int open = header.indexOf('<', i);
        if (open < 0) {
          break;
        }
        int close = header.indexOf('>', open + 1);
        if (close < 0) {
          break; // no link can be complete after this point either
        }
        int end = paramsEnd(header, close + 1);
        if (hasRel(header.substring(close + 1, end), rel)) {
          return header.substring(open + 1, close);
        }
        i = end + 1;
      }
    }
    return null;
  }

  /** The comma that ends this link's parameters (commas inside quoted values do not), or the end. */
  private static int paramsEnd(String header, int from) {
    boolean quoted = false;
    for (int i = from; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return i;
      }
    }
    return header.length();
  }

  /** Whether {@code ; name=value} parameters hold {@code rel} with {@code wanted} among its space-separated values. */
  private static boolean hasRel(String params, String wanted) {
    for (String param : params.split(";")) {
      int eq = param.indexOf('=');
      if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String value = param.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      for (String r : value.trim().split("\\s+")) {
        if (r.equals(wanted)) {
          return true;
        }
      }
    }
    return false;
  }
}

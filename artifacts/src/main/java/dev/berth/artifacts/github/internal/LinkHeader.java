package dev.berth.artifacts.github.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the RFC 8288 {@code Link} header GitHub paginates with: {@code <url>; rel="next", ...}. */
public final class LinkHeader {
  private LinkHeader() {}

  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?");

  /** The URL of the link with relation {@code rel} among {@code headers}, or null. */
  public static String find(List<String> headers, String rel) {
    for (String header : headers) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher r = REL.matcher(link.group(2));
        // rel may hold several space-separated relation types.
        if (r.find() && List.of(r.group(1).trim().split("\\s+")).contains(rel)) {
          return link.group(1);
        }
      }
    }
    return null;
  }
}

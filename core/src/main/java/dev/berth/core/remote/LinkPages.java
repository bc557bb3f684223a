package dev.berth.core.remote;

import dev.berth.core.OciException;
import dev.berth.core.remote.internal.Origins;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Follows {@code Link: <...>; rel="next"} pagination (RFC 8288) with the limits a hostile server needs: a
 * cap on pages, no page read twice, and no next page on another origin (where the request's credentials
 * would follow). Registries page tag lists, catalogs and referrers this way; GitHub's REST API pages the
 * same way, and the GitHub packages client of {@code berth-artifacts} reads it with this class.
 *
 * <pre>{@code
 * LinkPages.follow(first, 1000, "versions", url -> {
 *   try (Response response = http.newCall(get(url)).execute()) {
 *     handle(response.body().bytes());
 *     return LinkPages.nextPage(response, url, "versions");
 *   }
 * });
 * }</pre>
 *
 * <p>The header is read in one left-to-right scan with {@code indexOf}, no regular expression: it comes
 * from the network, and a regex with nested repetition took quadratic time on a run of {@code <}.
 */
public final class LinkPages {
  /** Reads one page. */
  @FunctionalInterface
  public interface PageReader {
    /**
     * Fetches and handles the page at {@code url}.
     *
     * @return the next page's URL (usually {@link #nextPage}), or null to stop
     */
    @Nullable HttpUrl read(HttpUrl url) throws IOException;
  }

  private LinkPages() {}

  /**
   * Reads {@code first} and every page after it with {@code reader}.
   *
   * @param what what is listed, for messages, e.g. {@code "tags of ghcr.io/o/r"}
   * @throws OciException when there are more than {@code maxPages} pages, or a next link leads back to a
   *     page already read
   */
  public static void follow(HttpUrl first, int maxPages, String what, PageReader reader) throws IOException {
    Set<HttpUrl> seen = new HashSet<>();
    for (@Nullable HttpUrl url = first; url != null; url = reader.read(url)) {
      if (seen.size() >= maxPages) {
        throw new OciException(what + " has more than " + maxPages + " pages; stopped");
      }
      if (!seen.add(url)) {
        throw new OciException(what + " links back to a page already read; stopped");
      }
    }
  }

  /**
   * The page after {@code current} that {@code response}'s {@code Link} headers name, resolved against
   * {@code current}; null on the last page.
   *
   * @throws OciException when the link is not a URL, or points to another origin (scheme, host, port)
   */
  public static @Nullable HttpUrl nextPage(Response response, HttpUrl current, String what) throws OciException {
    String link = next(response.headers("Link"));
    if (link == null) {
      return null;
    }
    HttpUrl next = current.resolve(link);
    if (next == null) {
      throw new OciException(what + ": the next-page Link is not a URL");
    }
    if (!Origins.same(current, next)) {
      throw new OciException(what + ": refused a next-page Link to another origin, " + Origins.describe(next));
    }
    return next;
  }

  /**
   * The {@code rel="next"} target among {@code linkHeaders} as written (often relative), or null when
   * there is none. Relation types compare without regard to case, and a link may have several ({@code
   * rel="prev next"}).
   */
  public static @Nullable String next(List<String> linkHeaders) {
    for (String value : linkHeaders) {
      int i = 0;
      while (i < value.length()) {
        int open = value.indexOf('<', i);
        if (open < 0) {
          break;
        }
        int close = value.indexOf('>', open);
        if (close < 0) {
          break; // no link can be complete after this point either
        }
        int end = paramsEnd(value, close + 1);
        if (isNext(value.substring(close + 1, end))) {
          return value.substring(open + 1, close).trim();
        }
        i = end + 1;
      }
    }
    return null;
  }

  /**
   * Where this link's parameters end: at the comma before the next link (not part of them, or a {@code
   * rel="next"} just before it would read as {@code "next",}), skipping commas inside quoted values.
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

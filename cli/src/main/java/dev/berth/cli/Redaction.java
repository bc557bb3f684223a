package dev.berth.cli;

import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Removes secrets from what {@code --verbose} prints. Query values are kept only for the parameters the
 * distribution and token specs define as harmless, because everything else seen in the wild is a
 * secret or upload state: {@code access_token}, signed-URL signatures on ghcr.io's blob redirects
 * ({@code X-Amz-Signature}, {@code sig}), registry upload {@code _state}.
 */
final class Redaction {
  static final String REDACTED = "<redacted>";

  /** Header names whose values are credentials. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-registry-auth");

  /** Query parameters whose values are safe to show (distribution-spec and token-auth spec names). */
  private static final Set<String> SAFE_QUERY =
      Set.of("digest", "n", "last", "mount", "from", "service", "scope", "artifacttype", "account");

  private Redaction() {}

  /** The URL without user info and with every non-allow-listed query value replaced. */
  static String url(HttpUrl url) {
    StringBuilder sb = new StringBuilder()
        .append(url.scheme()).append("://").append(url.host());
    if (url.port() != HttpUrl.defaultPort(url.scheme())) {
      sb.append(':').append(url.port());
    }
    sb.append(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      sb.append(i == 0 ? '?' : '&').append(name);
      if (value != null) {
        sb.append('=').append(SAFE_QUERY.contains(name.toLowerCase(Locale.ROOT)) ? value : REDACTED);
      }
    }
    return sb.toString();
  }

  /**
   * A header value fit to print: credentials become their scheme word and {@code <redacted>} (the
   * scheme says whether Basic or Bearer was sent, which is what one debugs); URLs lose their secrets.
   */
  static String header(String name, String value, HttpUrl base) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(lower)) {
      int space = value.indexOf(' ');
      boolean schemeFirst = lower.endsWith("authorization") && space > 0;
      return schemeFirst ? value.substring(0, space) + " " + REDACTED : REDACTED;
    }
    if (lower.equals("location") || lower.equals("content-location")) {
      HttpUrl resolved = base.resolve(value);
      return resolved == null ? value : url(resolved);
    }
    return value;
  }
}

package dev.berth.core.remote;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * berth's one policy for showing what went over the wire: what a logging interceptor (the CLI's
 * {@code --verbose}) prints and what exception messages quote from a server. It is an allow-list: query
 * values are shown only for the parameters the distribution and token specs define as harmless, because
 * everything else seen in the wild is a secret or upload state ({@code access_token}, signed-URL
 * signatures such as {@code X-Amz-Signature} and {@code sig}, upload {@code _state}). URLs lose their
 * user info; credential headers keep only their scheme word; text from a server has its control
 * characters escaped, so it cannot move the cursor, ring the bell or forge lines on a terminal.
 *
 * <p>{@link RegistryClient#redact(String)} adds the last piece: it removes every secret that client has
 * sent, in each encoding it sent it, from text a server wrote.
 */
public final class Redaction {
  /** What replaces a hidden value. */
  public static final String REDACTED = "<redacted>";

  /** Header names whose values are credentials. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-registry-auth");

  /** Query parameters whose values are safe to show (distribution-spec and token-auth spec names). */
  private static final Set<String> SAFE_QUERY =
      Set.of("digest", "n", "last", "mount", "from", "service", "scope", "artifacttype", "account");

  /** Headers whose value is a URL, printed through {@link #url(HttpUrl)}. */
  private static final Set<String> URL_HEADERS = Set.of("location", "content-location");

  /** Shorter secrets are still removed, but a one-character password must not blank a whole message. */
  private static final int MIN_DERIVED_PART = 4;

  private Redaction() {}

  /** Whether a header's value is a credential that logs must not show. */
  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a query parameter's value may be shown (it is on the allow-list). */
  public static boolean isSafeQueryParameter(String name) {
    return SAFE_QUERY.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code url} fit to print: without user info or fragment, the default port left out, and every query
   * value not on the allow-list replaced by {@link #REDACTED}.
   */
  public static String url(HttpUrl url) {
    StringBuilder sb = new StringBuilder().append(url.scheme()).append("://");
    String host = url.host();
    sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
    if (url.port() != HttpUrl.defaultPort(url.scheme())) {
      sb.append(':').append(url.port());
    }
    sb.append(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      sb.append(i == 0 ? '?' : '&').append(encodeQuery(name));
      if (value != null) {
        sb.append('=').append(isSafeQueryParameter(name) ? encodeQuery(value) : REDACTED);
      }
    }
    return sb.toString();
  }

  /**
   * A URL header's value ({@code Location}) fit to print: resolved against {@code base} and redacted as
   * {@link #url(HttpUrl)} does. A value that is not a URL is never shown, since nothing about it can be
   * told apart from a secret; only its length is.
   */
  public static String location(String value, HttpUrl base) {
    HttpUrl resolved = base == null ? HttpUrl.parse(value) : base.resolve(value);
    return resolved == null ? "<not a URL, " + value.length() + " characters, " + REDACTED + ">" : url(resolved);
  }

  /**
   * A header value fit to print: credentials become their scheme word and {@link #REDACTED} (the scheme
   * says whether Basic or Bearer was sent, which is what one debugs); URLs are redacted as {@link
   * #location}; anything else has its control characters escaped.
   *
   * @param base the request's URL, against which relative {@code Location} values resolve
   */
  public static @Nullable String header(String name, String value, HttpUrl base) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(lower)) {
      int space = value.indexOf(' ');
      boolean schemeFirst = lower.endsWith("authorization") && space > 0;
      return schemeFirst ? printable(value.substring(0, space)) + " " + REDACTED : REDACTED;
    }
    if (URL_HEADERS.contains(lower)) {
      return location(value, base);
    }
    return printable(value);
  }

  /** All headers as {@code Name: value} lines, each value passed through {@link #header}. */
  public static String headers(Headers headers, HttpUrl base) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      sb.append(printable(headers.name(i))).append(": ").append(header(headers.name(i), headers.value(i), base))
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * {@code text} with every character that could act on a terminal made visible: C0 and C1 control
   * characters (ESC, BEL, CR, LF, ...), DEL, and the Unicode line separators and direction overrides
   * that reorder or split what is shown. {@code \n}, {@code \r} and {@code \t} become those two-character
   * escapes, the rest {@code \xHH} or {@code \}{@code uHHHH}. Null stays null.
   */
  public static @Nullable String printable(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && !needsEscape(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c <= 0xff) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /** Whether {@link #printable} escapes {@code c}. */
  public static boolean needsEscape(char c) {
    return c < 0x20 || c >= 0x7f && c <= 0x9f
        || c == '\u2028' || c == '\u2029' // line and paragraph separators
        || c >= '\u202a' && c <= '\u202e' // bidirectional embeddings and overrides
        || c >= '\u2066' && c <= '\u2069' // bidirectional isolates
        || c == '\u200e' || c == '\u200f' || c == '\u061c'; // direction marks
  }

  /**
   * Every form in which a credential header's value carries a secret: the value itself, its credential
   * part, and for {@code Basic} the decoded {@code user:password} and the password, for a token its
   * dot-separated parts (a JWT's header, claims and signature). Each also as URL- and JSON-escaped
   * text, since servers echo what they received in either. Empty for an empty value.
   */
  public static Set<String> secretForms(String authorizationValue) {
    Set<String> raw = new LinkedHashSet<>();
    String value = authorizationValue == null ? "" : authorizationValue.trim();
    if (value.isEmpty()) {
      return Set.of();
    }
    raw.add(value);
    int space = value.indexOf(' ');
    String credential = space > 0 ? value.substring(space + 1).trim() : value;
    String scheme = space > 0 ? value.substring(0, space) : "";
    raw.add(credential);
    if (scheme.equalsIgnoreCase("basic")) {
      try {
        String pair = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
        raw.add(pair);
        int colon = pair.indexOf(':');
        if (colon >= 0 && colon + 1 < pair.length()) {
          raw.add(pair.substring(colon + 1));
        }
      } catch (IllegalArgumentException notBase64) {
        // Not what berth sends; the value itself is already listed.
      }
    } else {
      for (String part : credential.split("\\.")) {
        if (part.length() >= MIN_DERIVED_PART) {
          raw.add(part);
        }
      }
    }
    return withEncodings(raw);
  }

  /** {@code secrets} and their URL- and JSON-escaped forms, for secrets sent in a form body. */
  public static Set<String> withEncodings(Collection<String> secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      all.add(s);
      all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      all.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
      all.add(jsonEscaped(s));
    }
    return all;
  }

  /** {@code text} {@link #withoutSecrets without the secrets}, then made {@link #printable}. */
  public static @Nullable String serverText(String text, Collection<String> secrets) {
    return printable(withoutSecrets(text, secrets));
  }

  /**
   * {@code text} with every occurrence of each secret replaced by {@link #REDACTED}, longest first, so
   * a secret that contains another is removed whole. Nothing is escaped.
   */
  public static @Nullable String withoutSecrets(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    List<String> ordered = secrets.stream().filter(s -> s != null && !s.isEmpty())
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String secret : ordered) {
      out = out.replace(secret, REDACTED);
    }
    return out;
  }

  private static String jsonEscaped(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static @Nullable String encodeQuery(String s) {
    return printable(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/")
        .replace("%2C", ","));
  }
}

package dev.berth.core.remote;

import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Hides secrets in what a logging interceptor prints (the CLI's {@code --verbose}): credential headers,
 * and query parameters that carry tokens or signatures (token endpoints' {@code access_token}, presigned
 * storage URLs' {@code X-Amz-Signature}, ghcr.io's {@code _state}-like upload state is left as it is not
 * a credential).
 */
public final class Redaction {
  private static final String HIDDEN = "██";
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "set-cookie", "x-registry-auth");
  private static final Set<String> SECRET_PARAMS = Set.of("access_token", "refresh_token", "token", "password",
      "client_secret", "code", "sig", "signature", "x-amz-signature", "x-amz-security-token", "x-amz-credential",
      "x-goog-signature", "x-goog-credential", "se", "sp", "sv", "skoid", "sktid", "sks", "skv");

  private Redaction() {}

  /** Whether a header's value is a secret that logs must not show. */
  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a query parameter's value is a secret that logs must not show. */
  public static boolean isSecretQueryParameter(String name) {
    return SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** {@code url} with the values of secret query parameters replaced. */
  public static String url(HttpUrl url) {
    if (url.querySize() == 0) {
      return url.toString();
    }
    HttpUrl.Builder b = url.newBuilder().query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      b.addQueryParameter(name, value != null && isSecretQueryParameter(name) ? HIDDEN : value);
    }
    return b.build().toString();
  }

  /** One header as {@code Name: value}, the value hidden when secret (the scheme word of Authorization kept). */
  public static String header(String name, String value) {
    if (!isSecretHeader(name)) {
      return name + ": " + value;
    }
    int space = value.indexOf(' ');
    String scheme = name.toLowerCase(Locale.ROOT).endsWith("authorization") && space > 0
        ? value.substring(0, space + 1) : "";
    return name + ": " + scheme + HIDDEN;
  }

  /** All headers, one per line, secrets hidden. */
  public static String headers(Headers headers) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      sb.append(header(headers.name(i), headers.value(i))).append('\n');
    }
    return sb.toString();
  }
}

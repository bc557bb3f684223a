package dev.berth.auth.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One challenge from a {@code WWW-Authenticate} header (RFC 7235 section 2.1).
 *
 * @param scheme the auth scheme, lower-cased ({@code basic}, {@code bearer}, ...)
 * @param params the auth-params with lower-cased names and unquoted values; empty when a token68 is given
 * @param token68 the token68 form of the credentials, or null
 */
public record Challenge(String scheme, Map<String, String> params, @Nullable String token68) {
  public Challenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  /** Returns the parameter's value, or null; {@code name} is matched case-insensitively. */
  public @Nullable String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }

  public boolean is(String otherScheme) {
    return Objects.equals(scheme, otherScheme.toLowerCase(Locale.ROOT));
  }
}

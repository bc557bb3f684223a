package dev.berth.auth.internal;

import dev.berth.auth.Scopes;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token from a token endpoint.
 *
 * @param value the token, sent as {@code Authorization: Bearer VALUE}
 * @param renewAt when to stop handing it out and fetch a new one
 * @param expiresAt when the token endpoint said it expires
 * @param granted the access the token carries when it is a JWT with an {@code access} claim; null when the
 *     token is opaque (ghcr.io's are) and the grant is unknown
 */
public record Token(String value, Instant renewAt, Instant expiresAt, @Nullable Scopes granted) {

  public boolean needsRenewal(Instant now) {
    return !now.isBefore(renewAt);
  }

  public String authorization() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "Token[<redacted>, renewAt=" + renewAt + ", expiresAt=" + expiresAt + ", granted=" + granted + "]";
  }
}

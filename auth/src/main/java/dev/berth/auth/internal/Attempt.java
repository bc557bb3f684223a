package dev.berth.auth.internal;

import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The authorization one attempt of a request carried: none, Basic, a fixed access token, or a cached
 * token (with its key, so a refused token can be dropped from the cache).
 */
record Attempt(@Nullable String authorization, @Nullable TokenKey key, @Nullable Token token) {
  static final Attempt NONE = new Attempt(null, null, null);

  static Attempt header(String authorization) {
    return new Attempt(authorization, null, null);
  }

  static Attempt token(TokenKey key, Token token) {
    return new Attempt(token.authorization(), key, token);
  }

  Request apply(Request request) {
    return authorization == null ? request : request.newBuilder().header("Authorization", authorization).build();
  }

  boolean sent() {
    return authorization != null;
  }

  @Override
  public String toString() {
    return authorization == null ? "Attempt[none]" : "Attempt[" + authorization.split(" ", 2)[0] + " <redacted>]";
  }
}

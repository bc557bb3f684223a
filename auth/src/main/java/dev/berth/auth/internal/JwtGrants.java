package dev.berth.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.auth.JsonTrees;
import dev.berth.auth.Scopes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code access} claim of a docker token-protocol JWT, without verifying it (the registry
 * verifies; the client only wants to know which part of a request was denied, to say so clearly).
 */
final class JwtGrants {

  private JwtGrants() {}

  /** Returns the granted scopes, or null if the token is not a JWT with an {@code access} claim. */
  static @Nullable Scopes granted(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode claims = JsonTrees.parse(Base64.getUrlDecoder().decode(stripPadding(parts[1])));
      JsonNode access = claims.get("access");
      if (access == null || !access.isArray()) {
        return null;
      }
      List<String> scopes = new ArrayList<>();
      for (JsonNode entry : access) {
        String type = entry.path("type").asText("");
        String name = entry.path("name").asText("");
        List<String> actions = new ArrayList<>();
        entry.path("actions").forEach(a -> actions.add(a.asText()));
        actions.removeIf(String::isEmpty);
        if (!type.isEmpty() && !name.isEmpty() && !actions.isEmpty()) {
          scopes.add(type + ":" + name + ":" + String.join(",", actions));
        }
      }
      return Scopes.of(scopes);
    } catch (Exception notAJwt) {
      return null;
    }
  }

  private static String stripPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return s.substring(0, end);
  }
}

package dev.berth.auth.internal;

import dev.berth.auth.AuthenticationException;
import java.util.List;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** What a registry asked for the last time it challenged: nothing, Basic, or a token from a realm. */
sealed interface HostAuth {
  /** The registry answered without a challenge: send nothing until it challenges. */
  record None() implements HostAuth {}

  /** The registry asked for HTTP Basic. */
  record Basic() implements HostAuth {}

  /**
   * The registry asked for a bearer token from {@code realm}.
   *
   * @param service the challenge's {@code service}, or empty when it named none
   */
  record Bearer(HttpUrl realm, String service) implements HostAuth {}

  /**
   * Returns what the challenges ask for: Bearer when offered (it scopes access per repository, so it is
   * preferred over Basic), else Basic, else null when no challenge is one this client answers.
   *
   * @throws AuthenticationException when a Bearer challenge's realm is refused by {@link RealmPolicy}
   */
  static @Nullable HostAuth from(List<Challenge> challenges, Origin origin) throws AuthenticationException {
    for (Challenge challenge : challenges) {
      if (challenge.is("bearer")) {
        String service = challenge.param("service");
        return new Bearer(RealmPolicy.check(origin, challenge.param("realm")), service == null ? "" : service);
      }
    }
    for (Challenge challenge : challenges) {
      if (challenge.is("basic")) {
        return new Basic();
      }
    }
    return null;
  }
}

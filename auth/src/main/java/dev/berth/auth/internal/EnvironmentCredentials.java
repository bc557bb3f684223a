package dev.berth.auth.internal;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.FoundCredential;
import java.util.Map;

/**
 * Credentials from environment variables. GitHub Actions gives every job {@code GITHUB_ACTOR} and (when
 * the workflow passes it on) {@code GITHUB_TOKEN}, which ghcr.io accepts as user name and password.
 */
public final class EnvironmentCredentials implements CredentialProvider {
  private static final String GHCR = "ghcr.io";

  private final Map<String, String> environment;

  public EnvironmentCredentials(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Credential credentialFor(String host) {
    if (GHCR.equalsIgnoreCase(host)) {
      String actor = environment.get("GITHUB_ACTOR");
      String token = environment.get("GITHUB_TOKEN");
      if (actor != null && !actor.isBlank() && token != null && !token.isBlank()) {
        return Credential.basic(actor, token);
      }
    }
    return Credential.anonymous();
  }

  @Override
  public FoundCredential find(String host) {
    Credential c = credentialFor(host);
    return c.isAnonymous() ? FoundCredential.none() : new FoundCredential(c, "from GITHUB_TOKEN");
  }

  @Override
  public String toString() {
    return "EnvironmentCredentials";
  }
}

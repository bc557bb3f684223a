package dev.berth.auth;

import java.util.Objects;

/**
 * A credential with where it was found, for messages that must say which credential was used: {@code
 * "from GITHUB_TOKEN"}, {@code "from ~/.docker/config.json via docker-credential-pass"}, {@code "from -u
 * and --password-stdin"}. The source never holds a secret; {@code toString()} is redacted like the
 * credential's.
 *
 * @param credential the credential, {@link Credential#anonymous()} when none was found
 * @param source where it came from, starting with "from"; "no credential found" for the anonymous one
 */
public record FoundCredential(Credential credential, String source) {
  /** Checks that neither part is null. */
  public FoundCredential {
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(source, "source");
  }

  /** Nothing was found anywhere. */
  public static FoundCredential none() {
    return new FoundCredential(Credential.anonymous(), "no credential found");
  }

  /** Whether nothing was found. */
  public boolean isAnonymous() {
    return credential.isAnonymous();
  }

  /** The user name the credential names, or empty (tokens, anonymous). */
  public String username() {
    if (credential instanceof Credential.UsernamePassword u) {
      return u.username();
    }
    if (credential instanceof Credential.IdentityToken t) {
      return t.username();
    }
    return "";
  }

  /** {@code "user mona from GITHUB_TOKEN"}, for logs and hints; no secret. */
  public String describe() {
    if (isAnonymous()) {
      return source;
    }
    String user = username();
    return (user.isEmpty() ? "a token" : "user " + user) + " " + source;
  }

  @Override
  public String toString() {
    return "FoundCredential[" + credential + ", " + source + "]";
  }
}

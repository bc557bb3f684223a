package dev.berth.auth;

import java.util.Objects;

/**
 * What a client presents to a registry for one host. One of four kinds:
 *
 * <ul>
 *   <li>{@link UsernamePassword}: a user name and a password or personal access token, sent as HTTP Basic
 *       to the registry (when it asks for Basic) or to its token endpoint;
 *   <li>{@link IdentityToken}: an OAuth2 refresh token (docker's "identity token"), exchanged at the
 *       token endpoint for access tokens;
 *   <li>{@link AccessToken}: a bearer token sent to the registry as is;
 *   <li>{@link #anonymous()}: no credential at all. Not an error: public repositories are pulled this way.
 * </ul>
 *
 * <p>{@code toString()} of every kind is redacted: it names the kind and the user, never a secret.
 */
public sealed interface Credential
    permits Credential.UsernamePassword, Credential.IdentityToken, Credential.AccessToken,
        Credential.Anonymous {

  /** Returns the empty credential. */
  static Credential anonymous() {
    return Anonymous.INSTANCE;
  }

  /** Returns a user name and password (or personal access token) credential. */
  static Credential basic(String username, String password) {
    return new UsernamePassword(username, password);
  }

  /** Returns an OAuth2 refresh ("identity") token credential. */
  static Credential identityToken(String token) {
    return new IdentityToken("", token);
  }

  /** Returns a bearer access token credential, sent to the registry without a token exchange. */
  static Credential accessToken(String token) {
    return new AccessToken(token);
  }

  /** Returns true for the anonymous credential. */
  default boolean isAnonymous() {
    return this instanceof Anonymous;
  }

  /**
   * A user name with a password or a personal access token (ghcr.io, for example, takes a GitHub PAT
   * as the password).
   *
   * @param username the account name
   * @param password the password or personal access token
   */
  record UsernamePassword(String username, String password) implements Credential {
    /** Checks that neither part is null. */
    public UsernamePassword {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "UsernamePassword[username=" + username + ", password=<redacted>]";
    }
  }

  /**
   * An OAuth2 refresh token, which docker calls an identity token.
   *
   * @param username the account the token belongs to, or empty when unknown (credential helpers report
   *     identity tokens with the user name {@code <token>}, which is stored here as empty)
   * @param token the refresh token
   */
  record IdentityToken(String username, String token) implements Credential {
    /** Checks that neither part is null. */
    public IdentityToken {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "IdentityToken[username=" + username + ", token=<redacted>]";
    }
  }

  /**
   * A bearer access token that the registry accepts directly.
   *
   * @param token the token, sent as {@code Authorization: Bearer}
   */
  record AccessToken(String token) implements Credential {
    /** Checks that the token is not null. */
    public AccessToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "AccessToken[<redacted>]";
    }
  }

  /** No credential. Obtain it through {@link Credential#anonymous()}. */
  final class Anonymous implements Credential {
    private static final Anonymous INSTANCE = new Anonymous();

    private Anonymous() {}

    @Override
    public String toString() {
      return "Anonymous";
    }
  }
}

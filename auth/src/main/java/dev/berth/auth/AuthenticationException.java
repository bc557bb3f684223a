package dev.berth.auth;

import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Authentication or authorization failed: a registry or its token endpoint refused the credentials, a
 * token grant lacked the access a request needs, a challenge's realm was refused, or a credential helper
 * was missing or failed.
 *
 * <p>The message names the host, the realm, the repository and the action as applicable, and never a
 * password or a token.
 */
public final class AuthenticationException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why authentication failed. */
  public enum Reason {
    /** The registry or its token endpoint refused the credentials (or refused anonymous access). */
    CREDENTIALS_REFUSED,
    /** The credentials were accepted but do not grant an action a request needs. */
    DENIED,
    /** The challenge named a token realm that is not safe to contact or to send credentials to. */
    REALM_REFUSED,
    /** The challenge or the token endpoint's answer could not be understood. */
    PROTOCOL,
    /** A credential helper program is missing, timed out or failed. */
    HELPER_FAILED
  }

  /** Why authentication failed. */
  private final Reason reason;
  /** The scopes that were denied; empty unless {@link #reason} is {@link Reason#DENIED}. */
  private final Scopes denied;

  /** Creates an exception for {@code reason}; {@code message} must not contain a secret. */
  public AuthenticationException(Reason reason, String message) {
    this(reason, message, Scopes.empty(), null);
  }

  /** Creates an exception for {@code reason} with a cause; {@code message} must not contain a secret. */
  public AuthenticationException(Reason reason, String message, Throwable cause) {
    this(reason, message, Scopes.empty(), cause);
  }

  /**
   * Creates an exception for {@code reason} that names the scopes that were denied (empty unless the
   * reason is {@link Reason#DENIED}); {@code message} must not contain a secret.
   */
  public AuthenticationException(Reason reason, @Nullable String message, Scopes denied, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.denied = Objects.requireNonNull(denied, "denied");
  }

  /**
   * Returns a {@link Reason#DENIED} exception for the scopes (each narrowed to the actions that were
   * not granted) on {@code host}.
   */
  public static AuthenticationException denied(String host, Scopes denied) {
    StringBuilder message = new StringBuilder(host).append(" denied ");
    if (denied.isEmpty()) {
      message.append("access");
    } else {
      for (int i = 0; i < denied.values().size(); i++) {
        String scope = denied.values().get(i);
        int typeEnd = scope.indexOf(':');
        int actionsStart = scope.lastIndexOf(':');
        if (i > 0) {
          message.append("; ");
        }
        message.append(scope.substring(actionsStart + 1)).append(" access to ")
            .append(scope, 0, typeEnd).append(' ')
            .append(scope, typeEnd + 1, actionsStart);
      }
    }
    return new AuthenticationException(Reason.DENIED, message.toString(), denied, null);
  }

  /** Returns why authentication failed. */
  public Reason reason() {
    return reason;
  }

  /**
   * For {@link Reason#DENIED}, the scopes that were not granted, each narrowed to the missing actions
   * (for example {@code repository:owner/name:push}); empty otherwise or when the registry did not say.
   */
  public Scopes denied() {
    return denied;
  }
}

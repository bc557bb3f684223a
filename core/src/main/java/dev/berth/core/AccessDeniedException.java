package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * The credentials were accepted but do not allow this action on this repository (403, {@code DENIED},
 * or a token granting less than was asked).
 */
public class AccessDeniedException extends UnauthorizedException {
  /** @param message which repository and action were refused */
  public AccessDeniedException(String message) {
    super(message);
  }

  /**
   * @param message which repository and action were refused
   * @param cause the underlying failure
   */
  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message which repository and action were refused
   * @param response what the registry answered, or null
   * @param cause the underlying failure, or null
   */
  public AccessDeniedException(String message, RegistryResponse response, @Nullable Throwable cause) {
    super(message, response, cause);
  }
}

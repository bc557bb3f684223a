package dev.berth.core;

/**
 * The credentials were accepted but do not allow this action on this repository (403, {@code DENIED},
 * or a token granting less than was asked).
 */
public class AccessDeniedException extends UnauthorizedException {
  public AccessDeniedException(String message) {
    super(message);
  }

  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}

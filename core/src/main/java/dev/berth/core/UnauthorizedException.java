package dev.berth.core;

import org.jspecify.annotations.Nullable;

/** The registry wants credentials that were missing or wrong (401), or the token flow failed. */
public class UnauthorizedException extends OciException {
  /** @param message which registry and operation were refused */
  public UnauthorizedException(String message) {
    super(message);
  }

  /**
   * @param message which registry and operation were refused
   * @param cause the underlying failure
   */
  public UnauthorizedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message which registry and operation were refused
   * @param response what the registry answered, or null
   * @param cause the underlying failure, or null
   */
  public UnauthorizedException(String message, RegistryResponse response, @Nullable Throwable cause) {
    super(message, response, cause);
  }
}

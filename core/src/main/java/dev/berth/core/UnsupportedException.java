package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * The registry or store does not support this operation (for example ghcr.io answers registry-API
 * deletes with 405 {@code UNSUPPORTED}), or content uses a feature berth cannot handle.
 */
public class UnsupportedException extends OciException {
  /** @param message what is not supported, and by whom */
  public UnsupportedException(String message) {
    super(message);
  }

  /**
   * @param message what is not supported, and by whom
   * @param cause the underlying failure
   */
  public UnsupportedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what is not supported, and by whom
   * @param response what the registry answered, or null
   * @param cause the underlying failure, or null
   */
  public UnsupportedException(String message, RegistryResponse response, @Nullable Throwable cause) {
    super(message, response, cause);
  }
}

package dev.berth.core;

/**
 * The registry or store does not support this operation (for example ghcr.io answers registry-API
 * deletes with 405 {@code UNSUPPORTED}), or content uses a feature berth cannot handle.
 */
public class UnsupportedException extends OciException {
  public UnsupportedException(String message) {
    super(message);
  }

  public UnsupportedException(String message, Throwable cause) {
    super(message, cause);
  }
}

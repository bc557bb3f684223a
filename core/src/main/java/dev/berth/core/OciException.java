package dev.berth.core;

import java.io.IOException;

/**
 * The root of berth's errors: anything a registry, a store or verification can refuse. It is an
 * {@link IOException} so callers that already handle I/O failures handle these too. Messages name the
 * content and the registry operation involved, and never contain secrets.
 */
public class OciException extends IOException {
  /** @param message what failed, naming the content and operation */
  public OciException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the content and operation
   * @param cause the underlying failure
   */
  public OciException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.berth.core;

/** The manifest, blob, tag or repository does not exist (a 404, or absent from a store). */
public class NotFoundException extends OciException {
  /** @param message what was looked for and where */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * @param message what was looked for and where
   * @param cause the underlying failure
   */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

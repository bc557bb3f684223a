package dev.berth.core;

/** The manifest, blob, tag or repository does not exist (a 404, or absent from a store). */
public class NotFoundException extends OciException {
  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.berth.core;

/** The registry wants credentials that were missing or wrong (401), or the token flow failed. */
public class UnauthorizedException extends OciException {
  public UnauthorizedException(String message) {
    super(message);
  }

  public UnauthorizedException(String message, Throwable cause) {
    super(message, cause);
  }
}

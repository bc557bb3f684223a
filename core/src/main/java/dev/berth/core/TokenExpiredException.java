package dev.berth.core;

/**
 * A registry refused the token of a request whose body could not be sent again (a streamed blob
 * upload): the token expired or was revoked mid-operation. A fresh token has been asked for, so another
 * try of the whole transfer from a source that can be opened again can succeed, and berth's transfer
 * retries make it. A 401 after a fresh token is an {@link UnauthorizedException} of its own.
 */
public class TokenExpiredException extends UnauthorizedException {
  /** @param message which registry and operation were refused */
  public TokenExpiredException(String message) {
    super(message);
  }
}

package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * A server or a store sent content that is not what it claims to be: a manifest that does not parse, a
 * JSON document of the wrong shape, a header that does not parse. Bad input from the caller is an {@link
 * IllegalArgumentException} instead; this is for content berth did not write.
 */
public class InvalidContentException extends OciException {
  /**
   * @param message what was invalid and where it came from
   * @param cause the parser's exception, or null
   */
  public InvalidContentException(@Nullable String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.berth.core;

import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of berth's errors: anything a registry, a store or verification can refuse. It is an
 * {@link IOException} so callers that already handle I/O failures handle these too. Messages name the
 * content and the registry operation involved, and never contain secrets.
 */
public class OciException extends IOException {
  /** What the registry answered, when this exception was built from a response; otherwise null. */
  private final transient @Nullable RegistryResponse response;

  /** @param message what failed, naming the content and operation */
  public OciException(String message) {
    this(message, null, null);
  }

  /**
   * @param message what failed, naming the content and operation
   * @param cause the underlying failure
   */
  public OciException(@Nullable String message, @Nullable Throwable cause) {
    this(message, null, cause);
  }

  /**
   * @param message what failed, naming the content and operation
   * @param response what the registry answered, or null when this failure did not come from a response
   * @param cause the underlying failure, or null
   */
  public OciException(@Nullable String message, @Nullable RegistryResponse response, @Nullable Throwable cause) {
    super(message, cause);
    this.response = response;
  }

  /** What the registry answered (method, URL, status, error codes), when this failure came from a response. */
  public Optional<RegistryResponse> response() {
    return Optional.ofNullable(response);
  }

  /** The HTTP status of the registry's answer, or 0 when this failure did not come from a response. */
  public int status() {
    return response == null ? 0 : response.status();
  }

  /** Whether the registry's answer carried this error code (see {@link ErrorCodes}). */
  public boolean hasErrorCode(String code) {
    return response != null && response.hasCode(code);
  }
}

package dev.berth.core;

import java.util.List;
import java.util.Objects;

/**
 * What a registry answered to a request that failed, as data: the request's method and URL (without its
 * query, which may hold upload state or a signature), the HTTP status, and the body's parsed {@code
 * errors} array (distribution-spec, "Error Codes"). Carried by every {@link OciException} built from a
 * response, so callers branch on {@link #status()} and {@link #hasCode(String)} rather than on message text.
 *
 * @param method the HTTP method, e.g. {@code PUT}
 * @param url the request URL without query or fragment
 * @param status the HTTP status code
 * @param errors the body's {@code errors} entries; empty when it had none or was not JSON
 */
public record RegistryResponse(String method, String url, int status, List<RegistryError> errors) {
  /** Copies {@code errors}; every component is required. */
  public RegistryResponse {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    errors = List.copyOf(errors);
  }

  /** Whether any of the body's error entries has this code (see {@link ErrorCodes}). */
  public boolean hasCode(String code) {
    return errors.stream().anyMatch(e -> code.equals(e.code()));
  }
}

package dev.berth.core;

import java.util.List;

/**
 * A registry answered an operation with an error status that has no more specific exception type. It
 * carries the request method, the URL (without query parameters, which may hold upload state), the
 * status and the parsed {@code errors} array as data ({@link #response()}).
 */
public class RegistryErrorException extends OciException {
  /**
   * @param method the HTTP method of the failed request, e.g. {@code PUT}
   * @param url the request URL; callers strip the query first, as it may hold upload state
   * @param status the HTTP status of the answer
   * @param errors the body's parsed {@code errors} entries, empty when it had none
   */
  public RegistryErrorException(String method, String url, int status, List<RegistryError> errors) {
    this(new RegistryResponse(method, url, status, errors));
  }

  /** @param response what the registry answered */
  public RegistryErrorException(RegistryResponse response) {
    super(describe(response), response, null);
  }

  /**
   * For subclasses that say more than the status line.
   *
   * @param message what failed; it must not quote server text verbatim beyond the parsed errors
   * @param method the HTTP method of the failed request
   * @param url the request URL without its query
   * @param status the HTTP status of the answer
   * @param errors the body's parsed {@code errors} entries
   */
  protected RegistryErrorException(String message, String method, String url, int status,
      List<RegistryError> errors) {
    this(message, new RegistryResponse(method, url, status, errors));
  }

  private RegistryErrorException(String message, RegistryResponse response) {
    super(message + " (" + describe(response) + ")", response, null);
  }

  /** The HTTP method of the failed request. */
  public String method() {
    return response().orElseThrow().method();
  }

  /** The request URL, without query parameters. */
  public String url() {
    return response().orElseThrow().url();
  }

  /** The body's parsed {@code errors} entries; empty when the body had none or was not JSON. */
  public List<RegistryError> errors() {
    return response().orElseThrow().errors();
  }

  /** Whether any error entry has this code. */
  public boolean hasCode(String code) {
    return hasErrorCode(code);
  }

  private static String describe(RegistryResponse r) {
    StringBuilder sb = new StringBuilder().append(r.method()).append(' ').append(r.url()).append(": ")
        .append(r.status());
    for (RegistryError e : r.errors()) {
      sb.append("; ").append(e);
    }
    return sb.toString();
  }
}

package dev.berth.core;

import java.util.List;

/**
 * A registry answered an operation with an error status that has no more specific exception type. It
 * carries the request method, the URL (without query parameters, which may hold upload state), the
 * status and the parsed {@code errors} array as data.
 */
public class RegistryErrorException extends OciException {
  /** The HTTP method of the failed request. */
  private final String method;
  /** The request URL without its query. */
  private final String url;
  /** The HTTP status of the answer. */
  private final int status;
  /** The body's parsed {@code errors} entries. */
  private final List<RegistryError> errors;

  /**
   * @param method the HTTP method of the failed request, e.g. {@code PUT}
   * @param url the request URL; callers strip the query first, as it may hold upload state
   * @param status the HTTP status of the answer
   * @param errors the body's parsed {@code errors} entries, empty when it had none
   */
  public RegistryErrorException(String method, String url, int status, List<RegistryError> errors) {
    super(describe(method, url, status, errors));
    this.method = method;
    this.url = url;
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /**
   * For subclasses that say more than the status line.
   *
   * @param message what failed; it must not quote server text verbatim beyond the parsed errors
   */
  protected RegistryErrorException(String message, String method, String url, int status,
      List<RegistryError> errors) {
    super(message + " (" + describe(method, url, status, errors) + ")");
    this.method = method;
    this.url = url;
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** The HTTP method of the failed request. */
  public String method() {
    return method;
  }

  /** The request URL, without query parameters. */
  public String url() {
    return url;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The body's parsed {@code errors} entries; empty when the body had none or was not JSON. */
  public List<RegistryError> errors() {
    return errors;
  }

  /** Whether any error entry has this code. */
  public boolean hasCode(String code) {
    return errors.stream().anyMatch(e -> code.equals(e.code()));
  }

  private static String describe(String method, String url, int status, List<RegistryError> errors) {
    StringBuilder sb = new StringBuilder().append(method).append(' ').append(url).append(": ").append(status);
    for (RegistryError e : errors) {
      sb.append("; ").append(e);
    }
    return sb.toString();
  }
}

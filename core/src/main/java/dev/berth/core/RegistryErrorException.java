package dev.berth.core;

import java.util.List;

/**
 * A registry answered an operation with an error status that has no more specific exception type. It
 * carries the request method, the URL (without query parameters, which may hold upload state), the
 * status and the parsed {@code errors} array as data.
 */
public class RegistryErrorException extends OciException {
  private final String method;
  private final String url;
  private final int status;
  private final List<RegistryError> errors;

  public RegistryErrorException(String method, String url, int status, List<RegistryError> errors) {
    super(describe(method, url, status, errors));
    this.method = method;
    this.url = url;
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  public int status() {
    return status;
  }

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

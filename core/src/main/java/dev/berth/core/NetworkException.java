package dev.berth.core;

/**
 * The registry could not be reached or the connection failed: refused, unknown host, reset, timed out.
 * The message names the host; the cause is the JDK's or OkHttp's exception.
 */
public class NetworkException extends OciException {
  private final String host;

  /**
   * @param host the registry host (and port) that could not be reached
   * @param message what failed, naming the host
   * @param cause the underlying I/O failure
   */
  public NetworkException(String host, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
  }

  /** The registry host (with its port when one was given) that could not be reached. */
  public String host() {
    return host;
  }
}

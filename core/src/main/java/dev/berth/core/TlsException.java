package dev.berth.core;

/**
 * The TLS handshake with a registry failed: its certificate was not trusted, or it does not speak TLS on
 * that port. {@link #plainHttpSuspected()} says when the registry answered in plain HTTP, which is what
 * a local registry does when the client was not told to use plain HTTP.
 */
public class TlsException extends NetworkException {
  private final boolean plainHttpSuspected;

  /**
   * @param host the registry host
   * @param message what failed, naming the host
   * @param plainHttpSuspected whether the peer answered the TLS hello in plain HTTP
   * @param cause the JDK's TLS or certificate exception
   */
  public TlsException(String host, String message, boolean plainHttpSuspected, Throwable cause) {
    super(host, message, cause);
    this.plainHttpSuspected = plainHttpSuspected;
  }

  /** Whether the registry seems to speak plain HTTP on that port (the client should be set to plain HTTP). */
  public boolean plainHttpSuspected() {
    return plainHttpSuspected;
  }
}

package dev.berth.cli;

/**
 * The exit codes of {@code berth}, so scripts can tell a missing tag from a refused login without
 * parsing messages. Every failure is non-zero.
 */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** A failure with no more specific code (a registry error, a digest mismatch, a local I/O error). */
  public static final int FAILURE = 1;
  /** The command line was wrong: an unknown option, a missing argument, a malformed reference. */
  public static final int USAGE = 2;
  /** The registry refused the credentials (401) or the action (403, DENIED). */
  public static final int AUTH = 3;
  /**
   * The tag, digest, blob or repository does not exist, or the {@code oci:} layout directory read from
   * (a missing local input file is a {@link #FAILURE}).
   */
  public static final int NOT_FOUND = 4;
  /** The registry could not be reached: connection refused, unknown host, TLS handshake failure. */
  public static final int NETWORK = 5;

  private ExitCodes() {}
}

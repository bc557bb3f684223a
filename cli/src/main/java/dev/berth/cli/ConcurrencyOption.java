package dev.berth.cli;

import dev.berth.core.copy.CopyOptions;
import picocli.CommandLine.Option;

/** {@code --concurrency N}, for the commands that move many blobs (as in {@code oras cp} and {@code oras push}). */
final class ConcurrencyOption {
  @Option(names = "--concurrency", paramLabel = "N",
      description = "Blobs moved at once (default " + CopyOptions.DEFAULT_CONCURRENCY + ").")
  Integer concurrency;

  /**
   * Applies the flag, when given, to the session's registry clients (which size their connection pool
   * by it) and to {@code options}; call before the session opens a store.
   *
   * @throws IllegalArgumentException when N is outside 1 to {@value CopyOptions#MAX_CONCURRENCY}
   */
  CopyOptions.Builder apply(Session session, CopyOptions.Builder options) {
    if (concurrency != null) {
      try {
        options.concurrency(concurrency);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--" + e.getMessage(), e); // "--concurrency must be between ..."
      }
      session.concurrency(concurrency);
    }
    return options;
  }
}

package dev.berth.artifacts.files;

import dev.berth.artifacts.archive.SafeExtractor;

/**
 * How {@link FileArtifacts#pull} writes: whether it may replace existing files, and the limits for
 * unpacking directories.
 *
 * @param overwrite replace files that exist (default false: an existing file fails the pull, nothing
 *     written)
 * @param maxUnpackedBytes the most one directory layer may expand to
 * @param maxEntries the most entries one directory layer may hold
 */
public record FilePullOptions(boolean overwrite, long maxUnpackedBytes, int maxEntries) {
  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException when a limit is not positive
   */
  public FilePullOptions {
    if (maxUnpackedBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** No overwriting, {@link SafeExtractor}'s default limits. */
  public static FilePullOptions defaults() {
    return new FilePullOptions(false, SafeExtractor.DEFAULT_MAX_BYTES, SafeExtractor.DEFAULT_MAX_ENTRIES);
  }

  /** A copy that may (or may not) replace existing files. */
  public FilePullOptions withOverwrite(boolean o) {
    return new FilePullOptions(o, maxUnpackedBytes, maxEntries);
  }

  /** A copy with this limit on what one directory layer may expand to. */
  public FilePullOptions withMaxUnpackedBytes(long max) {
    return new FilePullOptions(overwrite, max, maxEntries);
  }
}

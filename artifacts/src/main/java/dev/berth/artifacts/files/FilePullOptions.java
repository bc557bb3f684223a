package dev.berth.artifacts.files;

import dev.berth.artifacts.archive.SafeExtractor;
import dev.berth.core.remote.ProgressListener;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link FileArtifacts#pull} writes: whether it may replace existing files, and the limits for
 * unpacking directories. Immutable; start from {@link #defaults()} or {@link #builder()}. A class with a
 * builder rather than a record, so that a setting added later breaks no caller.
 *
 * <pre>{@code
 * FilePullOptions options = FilePullOptions.builder().overwrite(true).build();
 * }</pre>
 */
public final class FilePullOptions {
  private static final FilePullOptions DEFAULTS = builder().build();

  private final boolean overwrite;
  private final long maxUnpackedBytes;
  private final int maxEntries;
  private final ProgressListener progressListener;

  private FilePullOptions(Builder b) {
    this.overwrite = b.overwrite;
    this.maxUnpackedBytes = b.maxUnpackedBytes;
    this.maxEntries = b.maxEntries;
    this.progressListener = b.progressListener;
  }

  /** No overwriting, {@link SafeExtractor}'s default limits. */
  public static FilePullOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Whether files that exist are replaced; when false (the default) an existing file fails the pull and
   * nothing is written.
   */
  public boolean overwrite() {
    return overwrite;
  }

  /** The most bytes one directory layer may expand to. */
  public long maxUnpackedBytes() {
    return maxUnpackedBytes;
  }

  /** The most entries one directory layer may hold. */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * The listener this operation reports its registry transfers to, besides the client's own; {@link
   * ProgressListener#NONE} (the default) for none.
   */
  public ProgressListener progressListener() {
    return progressListener;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FilePullOptions other && overwrite == other.overwrite
        && maxUnpackedBytes == other.maxUnpackedBytes && maxEntries == other.maxEntries
        && progressListener.equals(other.progressListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(overwrite, maxUnpackedBytes, maxEntries, progressListener);
  }

  @Override
  public String toString() {
    return "FilePullOptions[overwrite=" + overwrite + ", maxUnpackedBytes=" + maxUnpackedBytes
        + ", maxEntries=" + maxEntries + progressText() + "]";
  }

  private String progressText() {
    return progressListener == ProgressListener.NONE ? "" : ", progressListener=" + progressListener;
  }

  /** Builds {@link FilePullOptions}. */
  public static final class Builder {
    private boolean overwrite;
    private long maxUnpackedBytes = SafeExtractor.DEFAULT_MAX_BYTES;
    private int maxEntries = SafeExtractor.DEFAULT_MAX_ENTRIES;
    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    private Builder(FilePullOptions o) {
      overwrite = o.overwrite;
      maxUnpackedBytes = o.maxUnpackedBytes;
      maxEntries = o.maxEntries;
      progressListener = o.progressListener;
    }

    /** Whether files that exist may be replaced; default false (an existing file fails the pull, nothing written). */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * The most bytes one directory layer may expand to; default {@value SafeExtractor#DEFAULT_MAX_BYTES}.
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public Builder maxUnpackedBytes(long max) {
      if (max <= 0) {
        throw new IllegalArgumentException("maxUnpackedBytes must be positive, got " + max);
      }
      this.maxUnpackedBytes = max;
      return this;
    }

    /**
     * The most entries one directory layer may hold; default {@value SafeExtractor#DEFAULT_MAX_ENTRIES}.
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public Builder maxEntries(int max) {
      if (max <= 0) {
        throw new IllegalArgumentException("maxEntries must be positive, got " + max);
      }
      this.maxEntries = max;
      return this;
    }

    /**
     * Reports this operation's transfers to or from a registry to {@code listener} as well as to the
     * client's own: each {@link dev.berth.core.remote.TransferEvent} names the repository, the direction
     * and the descriptor, and {@code done} comes once per blob or manifest. Default {@link
     * ProgressListener#NONE}. An OCI layout or other local target moves no network bytes and reports
     * nothing.
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The options as set so far. */
    public FilePullOptions build() {
      return new FilePullOptions(this);
    }
  }
}

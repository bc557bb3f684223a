package dev.berth.artifacts.wasm;

import dev.berth.core.remote.ProgressListener;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link WasmArtifacts#pull} writes the binary. Immutable; start from {@link #defaults()} or {@link
 * #builder()}. A class with a builder rather than a bare flag, so that a setting added later breaks no
 * caller.
 *
 * <pre>{@code
 * WasmPullOptions options = WasmPullOptions.builder().overwrite(true).build();
 * }</pre>
 */
public final class WasmPullOptions {
  private static final WasmPullOptions DEFAULTS = builder().build();

  private final boolean overwrite;
  private final ProgressListener progressListener;

  private WasmPullOptions(Builder b) {
    this.overwrite = b.overwrite;
    this.progressListener = b.progressListener;
  }

  /** No overwriting: an existing file fails the pull before anything is downloaded. */
  public static WasmPullOptions defaults() {
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

  /** Whether an existing file is replaced; when false (the default) it fails the pull, nothing written. */
  public boolean overwrite() {
    return overwrite;
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
    return o instanceof WasmPullOptions other && overwrite == other.overwrite
        && progressListener.equals(other.progressListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(overwrite, progressListener);
  }

  @Override
  public String toString() {
    return "WasmPullOptions[overwrite=" + overwrite + progressText() + "]";
  }

  private String progressText() {
    return progressListener == ProgressListener.NONE ? "" : ", progressListener=" + progressListener;
  }

  /** Builds {@link WasmPullOptions}. */
  public static final class Builder {
    private boolean overwrite;
    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    private Builder(WasmPullOptions o) {
      overwrite = o.overwrite;
      progressListener = o.progressListener;
    }

    /** Whether an existing file may be replaced; default false (it fails the pull, nothing written). */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
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
    public WasmPullOptions build() {
      return new WasmPullOptions(this);
    }
  }
}

package dev.berth.artifacts.wasm;

import java.util.Objects;

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

  private WasmPullOptions(Builder b) {
    this.overwrite = b.overwrite;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof WasmPullOptions other && overwrite == other.overwrite;
  }

  @Override
  public int hashCode() {
    return Objects.hash(overwrite);
  }

  @Override
  public String toString() {
    return "WasmPullOptions[overwrite=" + overwrite + "]";
  }

  /** Builds {@link WasmPullOptions}. */
  public static final class Builder {
    private boolean overwrite;

    private Builder() {}

    private Builder(WasmPullOptions o) {
      overwrite = o.overwrite;
    }

    /** Whether an existing file may be replaced; default false (it fails the pull, nothing written). */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /** The options as set so far. */
    public WasmPullOptions build() {
      return new WasmPullOptions(this);
    }
  }
}

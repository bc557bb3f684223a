package dev.berth.artifacts.helm;

import dev.berth.core.remote.ProgressListener;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options for {@link HelmCharts#pull}: immutable, built with {@link #builder()}; {@link #newBuilder()}
 * starts a changed copy.
 *
 * <pre>{@code
 * HelmPullOptions o = HelmPullOptions.builder().overwrite(true).verify(Path.of("pubring.gpg")).build();
 * }</pre>
 */
public final class HelmPullOptions {
  private static final HelmPullOptions DEFAULTS = new Builder().build();

  private final boolean overwrite;
  private final boolean provenance;
  private final @Nullable Path keyring;

  private final ProgressListener progressListener;

  private HelmPullOptions(Builder b) {
    this.progressListener = b.progressListener;
    this.overwrite = b.overwrite;
    this.provenance = b.provenance;
    this.keyring = b.keyring;
  }

  /** Never replace a file, write the {@code .prov} file when there is one, verify nothing. */
  public static HelmPullOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder newBuilder() {
    return new Builder().overwrite(overwrite).provenance(provenance).verify(keyring)
        .progressListener(progressListener);
  }

  /** Whether an existing {@code NAME-VERSION.tgz} (and {@code .prov}) may be replaced. */
  public boolean overwrite() {
    return overwrite;
  }

  /** Whether the {@code .prov} file is written when the chart has one. */
  public boolean provenance() {
    return provenance;
  }

  /** The keyring the provenance is verified against, or null when the pull does not verify. */
  public @Nullable Path keyring() {
    return keyring;
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
    return o instanceof HelmPullOptions other && overwrite == other.overwrite && provenance == other.provenance
        && Objects.equals(keyring, other.keyring) && progressListener.equals(other.progressListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(overwrite, provenance, keyring, progressListener);
  }

  @Override
  public String toString() {
    return "HelmPullOptions[overwrite=" + overwrite + ", provenance=" + provenance + ", verify="
        + (keyring == null ? "no" : keyring)
        + (progressListener == ProgressListener.NONE ? "" : ", progressListener=" + progressListener) + "]";
  }

  /** Builds {@link HelmPullOptions}; every setting starts at its default. */
  public static final class Builder {
    private boolean overwrite;
    private boolean provenance = true;
    private @Nullable Path keyring;

    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    /**
     * Replace an existing {@code NAME-VERSION.tgz} and {@code .prov} (default false: an existing file is
     * a {@link java.nio.file.FileAlreadyExistsException} and nothing is downloaded). {@code helm pull}
     * replaces them; pass true to do the same.
     */
    public Builder overwrite(boolean o) {
      this.overwrite = o;
      return this;
    }

    /** Also write the {@code .prov} file when the chart has one (default true, as {@code helm pull --prov}). */
    public Builder provenance(boolean p) {
      this.provenance = p;
      return this;
    }

    /**
     * Verify the chart against its provenance file and this keyring before anything is written, as {@code
     * helm pull --verify --keyring FILE} does (default null: no verification). The keyring is a GnuPG
     * keyring file (binary {@code pubring.gpg} or {@code secring.gpg}) or ASCII-armored public keys; see
     * {@link ChartProvenance}. A failure leaves nothing on disk.
     */
    public Builder verify(@Nullable Path keyringFile) {
      this.keyring = keyringFile;
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

    /** The options. */
    public HelmPullOptions build() {
      return new HelmPullOptions(this);
    }
  }
}

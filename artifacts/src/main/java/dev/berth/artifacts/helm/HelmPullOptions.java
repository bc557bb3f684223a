package dev.berth.artifacts.helm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options for {@link HelmCharts#pull}: immutable, built with {@link #builder()} or changed from {@link
 * #defaults()} with the {@code withX} methods.
 *
 * <pre>{@code
 * HelmPullOptions o = HelmPullOptions.builder().overwrite(true).verify(Path.of("pubring.gpg")).build();
 * }</pre>
 */
public final class HelmPullOptions {
  private static final HelmPullOptions DEFAULTS = new Builder().build();

  private final boolean overwrite;
  private final boolean provenance;
  private final Path keyring;

  private HelmPullOptions(Builder b) {
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
  public Builder toBuilder() {
    return new Builder().overwrite(overwrite).provenance(provenance).verify(keyring);
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
  public Path keyring() {
    return keyring;
  }

  /** A copy that may (or may not) replace an existing chart archive. */
  public HelmPullOptions withOverwrite(boolean o) {
    return toBuilder().overwrite(o).build();
  }

  /** A copy that writes (or skips) the {@code .prov} file. */
  public HelmPullOptions withProvenance(boolean p) {
    return toBuilder().provenance(p).build();
  }

  /** A copy that verifies the chart's provenance against {@code keyringFile} (null: no verification). */
  public HelmPullOptions withVerify(Path keyringFile) {
    return toBuilder().verify(keyringFile).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HelmPullOptions other && overwrite == other.overwrite && provenance == other.provenance
        && Objects.equals(keyring, other.keyring);
  }

  @Override
  public int hashCode() {
    return Objects.hash(overwrite, provenance, keyring);
  }

  @Override
  public String toString() {
    return "HelmPullOptions[overwrite=" + overwrite + ", provenance=" + provenance + ", verify="
        + (keyring == null ? "no" : keyring) + "]";
  }

  /** Builds {@link HelmPullOptions}; every setting starts at its default. */
  public static final class Builder {
    private boolean overwrite;
    private boolean provenance = true;
    private Path keyring;

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
    public Builder verify(Path keyringFile) {
      this.keyring = keyringFile;
      return this;
    }

    /** The options. */
    public HelmPullOptions build() {
      return new HelmPullOptions(this);
    }
  }
}

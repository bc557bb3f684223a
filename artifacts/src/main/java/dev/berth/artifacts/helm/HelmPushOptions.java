package dev.berth.artifacts.helm;

import dev.berth.core.remote.ProgressListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options for {@link HelmCharts#push}: immutable, built with {@link #builder()}; {@link #newBuilder()}
 * starts a changed copy.
 *
 * <pre>{@code
 * HelmPushOptions o = HelmPushOptions.builder().provenance(Path.of("demo-1.0.0.tgz.prov")).build();
 * }</pre>
 */
public final class HelmPushOptions {
  private static final HelmPushOptions DEFAULTS = new Builder().build();

  private final @Nullable Path provenance;
  private final @Nullable Instant created;
  private final @Nullable String version;
  private final @Nullable String appVersion;
  private final @Nullable ProvenanceSigner signer;

  private final ProgressListener progressListener;

  private HelmPushOptions(Builder b) {
    this.progressListener = b.progressListener;
    if (b.provenance != null && b.signer != null) {
      throw new IllegalArgumentException("give a provenance file or a signer, not both");
    }
    this.signer = b.signer;
    this.provenance = b.provenance;
    this.created = b.created;
    this.version = b.version;
    this.appVersion = b.appVersion;
  }

  /** No provenance file, created now, Chart.yaml's version and appVersion as they are. */
  public static HelmPushOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder newBuilder() {
    return new Builder().provenance(provenance).created(created).version(version).appVersion(appVersion)
        .signer(signer)
        .progressListener(progressListener);
  }

  /** The {@code .prov} file pushed as a second layer, or null for none. */
  public @Nullable Path provenance() {
    return provenance;
  }

  /** The {@code org.opencontainers.image.created} annotation, or null for the time of the push. */
  public @Nullable Instant created() {
    return created;
  }

  /** The version that replaces Chart.yaml's when a chart directory is packaged, or null to keep it. */
  public @Nullable String version() {
    return version;
  }

  /** The appVersion that replaces Chart.yaml's when a chart directory is packaged, or null to keep it. */
  public @Nullable String appVersion() {
    return appVersion;
  }

  /** The signer that makes the provenance layer, as {@code helm package --sign} would, or null. */
  public @Nullable ProvenanceSigner signer() {
    return signer;
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
    return o instanceof HelmPushOptions other && Objects.equals(provenance, other.provenance)
        && Objects.equals(created, other.created) && Objects.equals(version, other.version)
        && Objects.equals(appVersion, other.appVersion) && Objects.equals(signer, other.signer)
        && progressListener.equals(other.progressListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provenance, created, version, appVersion, signer, progressListener);
  }

  @Override
  public String toString() {
    return "HelmPushOptions[provenance=" + provenance + ", created=" + created + ", version=" + version
        + ", appVersion=" + appVersion + ", signer=" + signer
        + (progressListener == ProgressListener.NONE ? "" : ", progressListener=" + progressListener) + "]";
  }

  /** Builds {@link HelmPushOptions}; every setting starts at its default. */
  public static final class Builder {
    private @Nullable Path provenance;
    private @Nullable Instant created;
    private @Nullable String version;
    private @Nullable String appVersion;
    private @Nullable ProvenanceSigner signer;

    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    /** A {@code .prov} file to push as a second layer (default none; null for none). */
    public Builder provenance(@Nullable Path prov) {
      this.provenance = prov;
      return this;
    }

    /**
     * The {@code org.opencontainers.image.created} annotation (default null: the time of the push). A
     * fixed time makes pushing the same chart twice give the same manifest digest.
     */
    public Builder created(@Nullable Instant time) {
      this.created = time;
      return this;
    }

    /**
     * Replaces Chart.yaml's {@code version} when a chart directory is packaged, as {@code helm package
     * --version} does (default null: keep it). Must be a SemVer 2 version; the archive name and the tag
     * follow it. A packaged {@code .tgz} is pushed as it is, so it cannot take an override.
     */
    public Builder version(@Nullable String v) {
      HelmPackager.checkVersionOverride(v); // a clear error now rather than after packaging
      this.version = v;
      return this;
    }

    /**
     * Replaces Chart.yaml's {@code appVersion} when a chart directory is packaged, as {@code helm package
     * --app-version} does (default null: keep it).
     */
    public Builder appVersion(@Nullable String v) {
      this.appVersion = v;
      return this;
    }

    /**
     * Signs the pushed archive (the given one, or the one packaged from a directory) and pushes the
     * signature as the provenance layer, as {@code helm package --sign} then {@code helm push} would
     * (default null: no signing). Not together with {@link #provenance(Path)}.
     */
    public Builder signer(@Nullable ProvenanceSigner s) {
      this.signer = s;
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

    /**
     * The options.
     *
     * @throws IllegalArgumentException when both a provenance file and a signer are set
     */
    public HelmPushOptions build() {
      return new HelmPushOptions(this);
    }
  }
}

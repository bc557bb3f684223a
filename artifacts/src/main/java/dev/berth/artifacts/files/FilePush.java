package dev.berth.artifacts.files;

import dev.berth.artifacts.Annotations;
import dev.berth.core.MediaTypes;
import dev.berth.core.remote.ProgressListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link FileArtifacts#push} uploads: files and directories, the artifact type, and annotations on
 * the manifest, the config and each file. Immutable; build with {@link #builder()}.
 */
public final class FilePush {
  private final List<FileEntry> entries;
  private final String artifactType;
  private final Map<String, String> manifestAnnotations;
  private final Map<String, String> configAnnotations;
  private final byte @Nullable [] config;
  private final @Nullable String configMediaType;
  private final @Nullable Instant created;
  private final ProgressListener progressListener;

  private FilePush(Builder b) {
    this.entries = List.copyOf(b.entries);
    this.artifactType = b.artifactType;
    this.manifestAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(b.manifestAnnotations));
    this.configAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(b.configAnnotations));
    this.config = b.config;
    this.configMediaType = b.configMediaType;
    this.created = b.created;
    this.progressListener = b.progressListener;
  }

  /** An empty builder: no entries, artifact type {@code application/vnd.unknown.artifact.v1}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The files and directories, in layer order. */
  public List<FileEntry> entries() {
    return entries;
  }

  /** The manifest's {@code artifactType}. */
  public String artifactType() {
    return artifactType;
  }

  /**
   * Annotations for the manifest, beside {@code org.opencontainers.image.created} (which one of these can
   * replace).
   */
  public Map<String, String> manifestAnnotations() {
    return manifestAnnotations;
  }

  /** Annotations for the config descriptor; empty for none. */
  public Map<String, String> configAnnotations() {
    return configAnnotations;
  }

  /** The config blob, or null for the empty descriptor ({@code {}}). */
  public byte @Nullable [] config() {
    return config == null ? null : config.clone();
  }

  /** The config blob's media type, or null when {@link #config()} is null. */
  public @Nullable String configMediaType() {
    return configMediaType;
  }

  /** The {@code org.opencontainers.image.created} time, or null for "now at push time". */
  public @Nullable Instant created() {
    return created;
  }

  /**
   * The listener this push reports its registry transfers to, besides the client's own; {@link
   * ProgressListener#NONE} (the default) for none.
   */
  public ProgressListener progressListener() {
    return progressListener;
  }

  /** Builds a {@link FilePush}. */
  public static final class Builder {
    private final List<FileEntry> entries = new ArrayList<>();
    private String artifactType = MediaTypes.UNKNOWN_ARTIFACT;
    private final Map<String, String> manifestAnnotations = new LinkedHashMap<>();
    private final Map<String, String> configAnnotations = new LinkedHashMap<>();
    private byte @Nullable [] config;
    private @Nullable String configMediaType;
    private @Nullable Instant created;
    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    /** Adds a file or directory titled by its file name. */
    public Builder file(Path path) {
      return add(FileEntry.of(path));
    }

    /** Adds a file or directory titled by its file name, with this media type. */
    public Builder file(Path path, String mediaType) {
      return add(FileEntry.of(path, mediaType));
    }

    /** Adds an entry with its own title, media type or annotations. */
    public Builder add(FileEntry entry) {
      entries.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /**
     * The manifest's artifact type (default {@code application/vnd.unknown.artifact.v1}).
     *
     * @throws IllegalArgumentException when it is not a media type (RFC 6838)
     */
    public Builder artifactType(String artifactType) {
      this.artifactType = MediaTypes.check(Objects.requireNonNull(artifactType, "artifactType"), "artifact type");
      return this;
    }

    /** Sets one manifest annotation. */
    public Builder annotation(String key, String value) {
      Annotations.requirePrintable(key, value);
      manifestAnnotations.put(key, value);
      return this;
    }

    /** Sets these manifest annotations (oras's {@code $manifest} key), beside any set before. */
    public Builder annotations(Map<String, String> annotations) {
      manifestAnnotations.putAll(Annotations.requirePrintable(annotations));
      return this;
    }

    /** Annotations on the config descriptor (oras's {@code $config} key). */
    public Builder configAnnotations(Map<String, String> annotations) {
      configAnnotations.putAll(Annotations.requirePrintable(annotations));
      return this;
    }

    /** A config blob instead of the empty one (oras {@code --config FILE:TYPE}). */
    public Builder config(byte[] content, String mediaType) {
      this.config = content.clone();
      this.configMediaType = MediaTypes.check(Objects.requireNonNull(mediaType, "mediaType"), "config media type");
      return this;
    }

    /**
     * A fixed {@code org.opencontainers.image.created}; with it (and the always-reproducible archives)
     * pushing the same input twice gives the same manifest digest.
     */
    public Builder created(Instant created) {
      this.created = Objects.requireNonNull(created, "created");
      return this;
    }

    /**
     * Reports this push's transfers to a registry to {@code listener} as well as to the client's own:
     * each {@link dev.berth.core.remote.TransferEvent} names the repository, the direction and the
     * descriptor, and {@code done} comes once per blob or manifest. Default {@link
     * ProgressListener#NONE}. An OCI layout or other local target moves no network bytes and reports
     * nothing.
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The request as built so far. */
    public FilePush build() {
      return new FilePush(this);
    }
  }
}

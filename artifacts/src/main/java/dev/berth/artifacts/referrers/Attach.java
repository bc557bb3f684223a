package dev.berth.artifacts.referrers;

import dev.berth.artifacts.Annotations;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Attaches an artifact (a signature, an SBOM, a scan report: files with an artifact type) to a subject
 * manifest, as {@code oras attach} does: an image-spec 1.1 artifact manifest whose {@code subject}
 * points at the subject, with the empty config, one layer per file titled by its name, and the given
 * annotations.
 *
 * <pre>{@code
 * Descriptor sbom = Attach.builder("application/spdx+json")
 *     .file(Path.of("sbom.spdx.json"), "application/spdx+json")
 *     .annotation("org.example.tool", "syft")
 *     .build()
 *     .attach(repository, repository.resolve("v1.0"));
 * }</pre>
 *
 * <p>On a registry without the referrers API (ghcr.io, distribution 2.8) the remote repository keeps
 * the subject's {@code sha256-<hex>} fallback tag index up to date when the manifest is pushed; memory
 * stores and OCI layouts index referrers themselves. No creation time is recorded unless given, so the
 * same inputs attach the same manifest.
 *
 * <p>Instances are immutable and may be reused for several subjects.
 */
public final class Attach {
  /** The layer media type oras gives a file when none is named. */
  public static final String DEFAULT_FILE_MEDIA_TYPE = MediaTypes.OCI_LAYER_TAR;

  private record FileLayer(Path path, String mediaType, String title) {}

  private final String artifactType;
  private final List<FileLayer> files;
  private final Map<String, String> annotations;

  private Attach(Builder b) {
    this.artifactType = b.artifactType;
    this.files = List.copyOf(b.files);
    Map<String, String> a = new LinkedHashMap<>();
    if (b.created != null) {
      a.put(Descriptor.ANNOTATION_CREATED, DateTimeFormatter.ISO_INSTANT.format(b.created));
    }
    a.putAll(b.annotations);
    this.annotations = b.packageAnnotations.mergeInto(a);
  }

  /**
   * A builder for an artifact of {@code artifactType}, e.g. {@code application/vnd.dev.sigstore.bundle+json}.
   *
   * @throws IllegalArgumentException when the type is blank or not a media type (RFC 6838)
   */
  public static Builder builder(String artifactType) {
    return new Builder(artifactType);
  }

  /**
   * Pushes the files, the empty config and the artifact manifest to {@code target}, pointing at
   * {@code subject} (which should be in {@code target}).
   *
   * @return the artifact manifest's descriptor, with its artifact type
   */
  public Descriptor attach(Target target, Descriptor subject) throws IOException {
    List<Descriptor> layers = new ArrayList<>(files.size());
    for (FileLayer f : files) {
      layers.add(pushFile(target, f));
    }
    Contents.pushBytesIfAbsent(target, Descriptor.EMPTY_JSON, Descriptor.emptyJsonContent());
    Descriptor plainSubject = Descriptor.of(subject.mediaType(), subject.digest(), subject.size());
    Manifest manifest = Manifest.artifact(artifactType, layers)
        .withSubject(plainSubject)
        .withAnnotations(annotations);
    EncodedManifest encoded = EncodedManifest.of(manifest);
    Contents.pushManifest(target, encoded, null);
    return encoded.descriptor();
  }

  /** Resolves {@code subjectReference} (a tag or digest) in {@code target} and attaches to it. */
  public Descriptor attach(Target target, String subjectReference) throws IOException {
    return attach(target, target.resolve(subjectReference));
  }

  /** Hashes the file (one read), then streams it to the target only if absent (a second read). */
  private static Descriptor pushFile(Target target, FileLayer f) throws IOException {
    Descriptor d = Contents.describeFile(f.mediaType(), f.path()).withAnnotation(Descriptor.ANNOTATION_TITLE, f.title());
    Contents.pushFileIfAbsent(target, d, f.path());
    return d;
  }

  /** Configures an {@link Attach}. Not thread-safe. */
  public static final class Builder {
    private final String artifactType;
    private final List<FileLayer> files = new ArrayList<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private Annotations packageAnnotations = Annotations.none();
    private @Nullable Instant created;

    private Builder(String artifactType) {
      if (artifactType == null || artifactType.isBlank()) {
        throw new IllegalArgumentException("an attached artifact needs an artifact type");
      }
      this.artifactType = MediaTypes.check(artifactType, "artifact type");
    }

    /** Adds a file as a layer of {@link #DEFAULT_FILE_MEDIA_TYPE}, titled by its file name. */
    public Builder file(Path path) {
      return file(path, DEFAULT_FILE_MEDIA_TYPE);
    }

    /**
     * Adds a file as a layer of {@code mediaType}, titled by its file name.
     *
     * @throws IllegalArgumentException when {@code path} is not a regular file or its name is taken, or
     *     {@code mediaType} is not a media type
     */
    public Builder file(Path path, String mediaType) {
      Objects.requireNonNull(path, "path");
      MediaTypes.check(Objects.requireNonNull(mediaType, "mediaType"), "media type of " + path.getFileName());
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(path + " is not a file");
      }
      String title = path.getFileName().toString();
      if (files.stream().anyMatch(f -> f.title().equals(title))) {
        throw new IllegalArgumentException("two files are named " + title + "; titles must be unique");
      }
      files.add(new FileLayer(path, mediaType, title));
      return this;
    }

    /** Adds a manifest annotation. */
    public Builder annotation(String key, String value) {
      Annotations.requirePrintable(key, value);
      annotations.put(key, value);
      return this;
    }

    /** Adds manifest annotations. */
    public Builder annotations(Map<String, String> values) {
      values.forEach(this::annotation);
      return this;
    }

    /** Package annotations (source, description, licenses). */
    public Builder annotations(Annotations value) {
      this.packageAnnotations = Objects.requireNonNull(value, "annotations");
      return this;
    }

    /** Records {@code org.opencontainers.image.created}; none by default, for reproducibility. */
    public Builder created(Instant time) {
      this.created = time;
      return this;
    }

    /** The artifact as described so far. */
    public Attach build() {
      return new Attach(this);
    }
  }
}

package dev.berth.artifacts.files;

import dev.berth.artifacts.Annotations;
import dev.berth.core.MediaTypes;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file or directory to push as a layer: where it is on disk, the title it is pulled back under
 * ({@code org.opencontainers.image.title}), its media type and extra annotations. Immutable; {@link
 * #of(Path)} for the usual case, {@link #builder(Path)} for the rest. A class with a builder rather than
 * a record, so that a setting added later breaks no caller.
 *
 * <pre>{@code
 * FileEntry entry = FileEntry.builder(Path.of("build/app.jar"))
 *     .title("lib/app.jar")
 *     .annotation("org.example.role", "main")
 *     .build();
 * }</pre>
 */
public final class FileEntry {
  private final Path path;
  private final String title;
  private final @Nullable String mediaType;
  private final Map<String, String> annotations;

  private FileEntry(Builder b) {
    this.path = b.path;
    this.title = b.title;
    this.mediaType = b.mediaType;
    this.annotations = Collections.unmodifiableMap(new LinkedHashMap<>(b.annotations));
  }

  /**
   * A file or directory titled by its file name, with the default media type.
   *
   * @throws IllegalArgumentException when the path has no file name ({@code /})
   */
  public static FileEntry of(Path path) {
    return builder(path).build();
  }

  /**
   * A file or directory titled by its file name, with this media type.
   *
   * @throws IllegalArgumentException when the path has no file name ({@code /}), or the media type is
   *     not one (RFC 6838)
   */
  public static FileEntry of(Path path, String mediaType) {
    return builder(path).mediaType(mediaType).build();
  }

  /**
   * A builder for {@code path}, titled by its file name until {@link Builder#title} says otherwise.
   *
   * @throws IllegalArgumentException when the path has no file name ({@code /}); give such an entry a
   *     title with {@link #builder(Path, String)}
   */
  public static Builder builder(Path path) {
    return new Builder(path, fileName(path));
  }

  /** A builder for {@code path} pulled back under {@code title}. */
  public static Builder builder(Path path, String title) {
    return new Builder(path, title);
  }

  /** A builder holding this entry, to change some of it. */
  public Builder newBuilder() {
    Builder b = new Builder(path, title);
    b.mediaType = mediaType;
    b.annotations.putAll(annotations);
    return b;
  }

  /** The file or directory on disk. */
  public Path path() {
    return path;
  }

  /**
   * The name it is pulled back under ({@code org.opencontainers.image.title}): a relative, {@code
   * /}-separated path.
   */
  public String title() {
    return title;
  }

  /**
   * The layer's media type, or null for oras's defaults ({@code application/vnd.oci.image.layer.v1.tar}
   * for a file, {@code ...tar+gzip} for a directory).
   */
  public @Nullable String mediaType() {
    return mediaType;
  }

  /** Extra annotations on the layer's descriptor, in the order set; empty for none. */
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileEntry other && path.equals(other.path) && title.equals(other.title)
        && Objects.equals(mediaType, other.mediaType) && annotations.equals(other.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, title, mediaType, annotations);
  }

  @Override
  public String toString() {
    return "FileEntry[path=" + path + ", title=" + title + ", mediaType=" + mediaType + ", annotations="
        + annotations + "]";
  }

  private static String fileName(Path path) {
    Path name = Objects.requireNonNull(path, "path").getFileName();
    if (name == null) {
      throw new IllegalArgumentException("\"" + path + "\" has no file name to title its layer with; push a"
          + " directory below it, or give the entry a title");
    }
    return name.toString();
  }

  /** Builds a {@link FileEntry}. */
  public static final class Builder {
    private final Path path;
    private String title;
    private @Nullable String mediaType;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private Builder(Path path, String title) {
      this.path = Objects.requireNonNull(path, "path");
      this.title = Objects.requireNonNull(title, "title");
    }

    /** The name it is pulled back under: a relative, {@code /}-separated path (default: the file name). */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * The layer's media type; null (the default) for oras's defaults.
     *
     * @throws IllegalArgumentException when it is not a media type (RFC 6838)
     */
    public Builder mediaType(String mediaType) {
      this.mediaType = mediaType == null ? null : MediaTypes.check(mediaType, "media type of " + title);
      return this;
    }

    /**
     * Sets one annotation on the layer's descriptor.
     *
     * @throws IllegalArgumentException when the key or value holds a control character
     */
    public Builder annotation(String key, String value) {
      Annotations.requirePrintable(key, value);
      annotations.put(key, value);
      return this;
    }

    /**
     * Sets these annotations on the layer's descriptor, beside any set before.
     *
     * @throws IllegalArgumentException when a key or value holds a control character
     */
    public Builder annotations(Map<String, String> annotations) {
      this.annotations.putAll(Annotations.requirePrintable(Objects.requireNonNull(annotations, "annotations")));
      return this;
    }

    /** The entry as set so far. */
    public FileEntry build() {
      return new FileEntry(this);
    }
  }
}

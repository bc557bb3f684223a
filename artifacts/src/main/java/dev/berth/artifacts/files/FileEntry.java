package dev.berth.artifacts.files;

import dev.berth.artifacts.Annotations;
import dev.berth.core.MediaTypes;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One file or directory to push as a layer.
 *
 * @param path the file or directory on disk
 * @param title the name it is pulled back under ({@code org.opencontainers.image.title}); a relative,
 *     {@code /}-separated path
 * @param mediaType the layer's media type, or null for oras's defaults ({@code
 *     application/vnd.oci.image.layer.v1.tar} for a file, {@code ...tar+gzip} for a directory)
 * @param annotations extra annotations on the layer's descriptor
 */
public record FileEntry(Path path, String title, String mediaType, Map<String, String> annotations) {
  /** Checks that path and title are set and copies the annotations. */
  public FileEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(title, "title");
    if (mediaType != null) {
      MediaTypes.check(mediaType, "media type of " + title);
    }
    annotations = annotations == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(Annotations.requirePrintable(annotations)));
  }

  /**
   * A file or directory titled by its file name, with the default media type.
   *
   * @throws IllegalArgumentException when the path has no file name ({@code /})
   */
  public static FileEntry of(Path path) {
    return new FileEntry(path, fileName(path), null, null);
  }

  /**
   * A file or directory titled by its file name, with this media type.
   *
   * @throws IllegalArgumentException when the path has no file name ({@code /})
   */
  public static FileEntry of(Path path, String mediaType) {
    return new FileEntry(path, fileName(path), mediaType, null);
  }

  private static String fileName(Path path) {
    Path name = Objects.requireNonNull(path, "path").getFileName();
    if (name == null) {
      throw new IllegalArgumentException("\"" + path + "\" has no file name to title its layer with; push a"
          + " directory below it, or give the entry a title");
    }
    return name.toString();
  }
}

package dev.berth.artifacts.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What goes into one new image layer: a directory (archived reproducibly) or an existing tar file.
 *
 * <p>A directory becomes a tar written by {@link dev.berth.artifacts.archive.TarArchiver}: entries in
 * name order, times set to the epoch, owner and group 0 (root, so files belong to root inside the
 * container), permissions normalised to 0755 for directories and owner-executable files and 0644
 * otherwise, symbolic links kept as links. The same directory content therefore always yields the
 * same layer digest.
 *
 * <p>A tar file is added as it is: an uncompressed tar is gzip-compressed, a tar+gzip (recognised by
 * its magic bytes) is used byte for byte.
 */
public final class LayerSource {
  private final Path path;
  private final boolean directory;
  private final List<String> imagePath;

  private LayerSource(Path path, boolean directory, List<String> imagePath) {
    this.path = path;
    this.directory = directory;
    this.imagePath = imagePath;
  }

  /** The directory's contents at the image root: {@code DIR/etc/app.conf} becomes {@code /etc/app.conf}. */
  public static LayerSource directory(Path dir) {
    return directory(dir, "/");
  }

  /**
   * The directory's contents under {@code imagePath}: {@code directory(dir, "/opt/app")} puts
   * {@code DIR/bin/run} at {@code /opt/app/bin/run}, with an entry for {@code /opt/app} itself
   * (missing parents such as {@code /opt} are created by whoever unpacks the layer).
   *
   * @throws IllegalArgumentException when {@code dir} is not a directory or {@code imagePath} contains
   *     {@code ..} or {@code .}
   */
  public static LayerSource directory(Path dir, String imagePath) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    return new LayerSource(dir, true, splitImagePath(imagePath));
  }

  /**
   * A tar or tar+gzip file, added as it is.
   *
   * @throws IllegalArgumentException when {@code file} is not a regular file
   */
  public static LayerSource tar(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    return new LayerSource(file, false, List.of());
  }

  /** The directory or file. */
  public Path path() {
    return path;
  }

  /** Whether this is a directory to archive (else a tar file). */
  public boolean isDirectory() {
    return directory;
  }

  /** The path segments inside the image the directory goes under; empty for the root. */
  public List<String> imagePath() {
    return imagePath;
  }

  /** What {@code created_by} says in the image history for this layer. */
  String describe() {
    return directory
        ? "berth: COPY " + path.getFileName() + " /" + String.join("/", imagePath)
        : "berth: ADD " + path.getFileName() + " /";
  }

  private static List<String> splitImagePath(String imagePath) {
    Objects.requireNonNull(imagePath, "imagePath");
    List<String> out = new ArrayList<>();
    for (String segment : imagePath.replace('\\', '/').split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw new IllegalArgumentException("image path \"" + imagePath + "\" must not contain . or ..");
      }
      out.add(segment);
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return (directory ? "directory " : "tar ") + path + (directory ? " at /" + String.join("/", imagePath) : "");
  }
}

package dev.berth.maven;

import java.io.File;

/**
 * One layer of {@code berth:image}: a directory, a file, or a ready tar layer.
 *
 * <pre>{@code
 * <layer><path>${project.build.directory}/app.jar</path><imagePath>/app</imagePath></layer>
 * }</pre>
 */
public class Layer {
  /**
   * What goes into the layer: a directory (its contents land under {@code imagePath}), a file (placed at
   * {@code imagePath/NAME}), or a {@code .tar}/{@code .tar.gz}/{@code .tgz} file added as the layer itself.
   */
  private File path;

  /** Where a directory's contents or a file land in the image; default {@code /}. */
  private String imagePath = "/";

  /** The directory, file or tar. */
  public File getPath() {
    return path;
  }

  /** Sets the directory, file or tar. */
  public void setPath(File path) {
    this.path = path;
  }

  /** Where the contents land in the image. */
  public String getImagePath() {
    return imagePath;
  }

  /** Sets where the contents land in the image. */
  public void setImagePath(String imagePath) {
    this.imagePath = imagePath;
  }

  @Override
  public String toString() {
    return path + " -> " + imagePath;
  }
}

package dev.berth.artifacts.files;

import dev.berth.core.Descriptor;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FileArtifacts#pull} wrote.
 *
 * @param manifest the descriptor of the pulled manifest
 * @param files one entry per titled layer, in manifest order
 * @param skipped layers without a title, which oras also leaves alone
 */
public record PulledFiles(Descriptor manifest, List<PulledFile> files, List<Descriptor> skipped) {
  /** Copies the lists. */
  public PulledFiles {
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
  }

  /**
   * One written file or unpacked directory.
   *
   * @param title the layer's title
   * @param path where it now is
   * @param layer the layer's descriptor
   * @param unpacked whether it was a directory layer that was unpacked
   */
  public record PulledFile(String title, Path path, Descriptor layer, boolean unpacked) {}
}

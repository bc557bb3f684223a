package dev.berth.artifacts.image;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.util.List;

/**
 * What {@link ImageBaker#bake} pushed.
 *
 * @param manifest the new image manifest (OCI or Docker, like the base)
 * @param config the new config blob
 * @param addedLayers the new layers, in order, as listed in the manifest
 * @param addedDiffIds their diff_ids (sha256 of the uncompressed tars), in the same order
 * @param base the base image manifest the new image builds on
 */
public record BakedImage(
    Descriptor manifest, Descriptor config, List<Descriptor> addedLayers, List<Digest> addedDiffIds,
    Descriptor base) {

  /** Copies the lists. */
  public BakedImage {
    addedLayers = List.copyOf(addedLayers);
    addedDiffIds = List.copyOf(addedDiffIds);
  }
}

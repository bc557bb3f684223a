package dev.berth.artifacts.image;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ImageBaker#bake} pushed.
 *
 * <p>For a multi-platform bake, {@code manifest} is the new index, {@code platforms} holds one
 * {@link BakedImage} per platform (in the base index's order), {@code config} is null, and
 * {@code addedLayers}/{@code addedDiffIds} list each distinct new layer once.
 *
 * @param manifest the new image manifest (OCI or Docker, like the base), or the new index
 * @param config the new config blob, or null for an index
 * @param addedLayers the new layers, in order, as listed in the manifest
 * @param addedDiffIds their diff_ids (sha256 of the uncompressed tars), in the same order
 * @param base the base image manifest (or index) the new image builds on
 * @param platforms the image per platform when an index was pushed; empty otherwise
 */
public record BakedImage(
    Descriptor manifest, @Nullable Descriptor config, List<Descriptor> addedLayers, List<Digest> addedDiffIds,
    Descriptor base, List<BakedImage> platforms) {

  /** Copies the lists. */
  public BakedImage {
    addedLayers = List.copyOf(addedLayers);
    addedDiffIds = List.copyOf(addedDiffIds);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** A single-platform result. */
  public BakedImage(Descriptor manifest, Descriptor config, List<Descriptor> addedLayers, List<Digest> addedDiffIds,
      Descriptor base) {
    this(manifest, config, addedLayers, addedDiffIds, base, List.of());
  }

  /** Whether an index of several platforms was pushed. */
  public boolean isIndex() {
    return !platforms.isEmpty();
  }
}

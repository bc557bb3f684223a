package dev.berth.bench;

import java.util.List;

/** An artifact of the data set: its tag in the data set's layout, its manifest, config and layers. */
record ArtifactRef(String tag, BlobRef manifest, BlobRef config, List<BlobRef> layers) {
  ArtifactRef {
    layers = List.copyOf(layers);
  }

  /** Bytes of the config and layers. */
  long contentBytes() {
    return config.size() + layers.stream().mapToLong(BlobRef::size).sum();
  }
}

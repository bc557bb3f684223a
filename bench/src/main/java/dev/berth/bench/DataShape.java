package dev.berth.bench;

/**
 * What the data set holds: one large blob, an artifact of {@code layerCount} layers, {@code smallCount}
 * artifacts of one small layer each. The same shape and seed always give the same bytes.
 */
record DataShape(long blobSize, int layerCount, long layerSize, int smallCount, long smallSize, long seed) {
  DataShape {
    if (blobSize < 0 || layerCount < 0 || layerSize < 1 || smallCount < 0 || smallSize < 1) {
      throw new IllegalArgumentException("bad data shape: " + this);
    }
  }

  /** A file-name-safe key: data sets of the same shape are generated once and reused. */
  String key() {
    return "b" + blobSize + "-l" + layerCount + "x" + layerSize + "-s" + smallCount + "x" + smallSize + "-seed" + seed;
  }
}

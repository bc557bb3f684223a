package dev.berth.artifacts.image.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tar+gzip layer on disk with its two digests: {@code digest} of the compressed bytes (the blob) and
 * {@code diffId} of the uncompressed tar (what the config's {@code rootfs.diff_ids} lists). Closing
 * deletes the file when berth created it.
 */
public record BuiltLayer(Path file, boolean temporary, Digest digest, long size, Digest diffId)
    implements AutoCloseable {

  /** The blob's descriptor under {@code mediaType}. */
  public Descriptor descriptor(String mediaType) {
    return Descriptor.of(mediaType, digest, size);
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      Files.deleteIfExists(file);
    }
  }
}

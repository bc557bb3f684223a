package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.BlobTransferListener;
import dev.berth.core.Descriptor;
import dev.berth.core.content.Mounter;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Makes a base image's blobs present in a target without needless traffic: skip what is there, mount
 * from a sibling repository on the same registry when one is named, otherwise stream from source to
 * target (never through memory or disk).
 */
public final class BaseBlobs {
  private BaseBlobs() {}

  /**
   * Layers a registry is told not to store (Windows base layers): manifests reference them by URL,
   * pushing them is refused by many registries and not needed by any.
   */
  private static final Set<String> NON_DISTRIBUTABLE = Set.of(
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

  /** Transfers each of {@code blobs} from {@code source} to {@code target}. */
  public static void transfer(ReadOnlyStorage source, Storage target, List<Descriptor> blobs, String mountFrom,
      BlobTransferListener listener) throws IOException {
    for (Descriptor blob : blobs) {
      if (NON_DISTRIBUTABLE.contains(blob.mediaType())) {
        continue;
      }
      if (target.exists(blob)) {
        listener.onExisting(blob);
      } else if (mountFrom != null && target instanceof Mounter mounter) {
        mounter.mount(blob, mountFrom, () -> source.fetch(blob));
        listener.onMounted(blob, mountFrom);
      } else {
        try (InputStream in = source.fetch(blob)) {
          target.push(blob, in);
        }
        listener.onCopied(blob);
      }
    }
  }
}

package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.BlobTransferListener;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.remote.Repository;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How a baked image is copied to its target: which repositories to mount from, who hears of each blob. */
public final class BakeCopies {
  private BakeCopies() {}

  /**
   * {@code copyOptions} for pushing a bake of {@code base} to {@code target}: mounting from {@code
   * mountFrom} (or the base's repository on the same registry) first, and {@code listener} told of the
   * blobs moved.
   */
  public static CopyOptions of(CopyOptions copyOptions, @Nullable String mountFrom, @Nullable BlobTransferListener listener,
      ReadOnlyTarget base, Target target, OverlayStorage content) {
    CopyOptions options = copyOptions;
    String baseRepository = mountFrom != null ? mountFrom : sameRegistryRepository(base, target);
    if (baseRepository != null) {
      List<String> sources = new ArrayList<>(copyOptions.mountFrom());
      sources.add(0, baseRepository);
      options = copyOptions.newBuilder().mountFrom(sources).build();
    }
    if (listener != null) {
      options = options.newBuilder().listener(new BakeEvents(options.listener(), listener, content)).build();
    }
    return options;
  }

  /**
   * The base's repository when base and target are repositories on one registry: the copy's source is
   * the overlay of base and new layers, not a repository, so the copy cannot see that itself.
   */
  private static @Nullable String sameRegistryRepository(ReadOnlyTarget base, Target target) {
    return base instanceof Repository b && target instanceof Repository t && b.host().equals(t.host())
        && !b.name().equals(t.name()) ? b.name() : null;
  }
}

package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.NoMatchingPlatformException;
import dev.berth.artifacts.image.PlatformSelector;
import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Which of a base's images a bake builds on, by the platforms asked for. */
public final class BaseImages {
  private BaseImages() {}

  /**
   * The image manifests to bake: the base itself when it is a manifest; from an index, the platforms
   * asked for, or all of them. A single image to push as it is comes without a platform; images for
   * an index carry their index entry's platform.
   */
  public static List<Descriptor> select(ReadOnlyTarget base, Descriptor root, List<Platform> platforms)
      throws IOException {
    if (!MediaTypes.isIndex(root.mediaType())) {
      return List.of(PlatformSelector.selectImage(base, root, null).withPlatform(null));
    }
    if (platforms.size() == 1) {
      return List.of(PlatformSelector.selectImage(base, root, platforms.get(0)).withPlatform(null));
    }
    Index index = Contents.fetchManifest(base, root).index();
    List<Descriptor> chosen = new ArrayList<>();
    if (platforms.isEmpty()) {
      for (Descriptor d : index.manifests()) {
        if (d.platform() != null && !"unknown".equals(d.platform().os()) && MediaTypes.isManifest(d.mediaType())) {
          chosen.add(d);
        }
      }
      if (chosen.size() == 1) {
        return List.of(chosen.get(0).withPlatform(null));
      }
      if (chosen.isEmpty()) {
        throw new NoMatchingPlatformException("the index " + root.brief() + " holds no image with a platform",
            null, List.of());
      }
      return chosen;
    }
    for (Platform p : platforms) {
      Descriptor d = PlatformSelector.select(index, p);
      if (!MediaTypes.isManifest(d.mediaType())) {
        throw new UnsupportedException(d.brief() + " for " + p + " is not an image manifest");
      }
      if (!chosen.contains(d)) {
        chosen.add(d);
      }
    }
    return chosen;
  }
}

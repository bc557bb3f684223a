package dev.berth.core.copy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.internal.Json;
import java.io.IOException;

/**
 * Picks the node for one platform, as oras-go's platform option does: from an index, the first entry
 * whose platform satisfies the request (descending into nested indexes); a manifest qualifies when its
 * config names that platform.
 */
public final class PlatformSelector {
  /** Image configs are small; this only guards against a hostile one. */
  private static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  private PlatformSelector() {}

  /**
   * The descriptor of {@code wanted}'s manifest under {@code root}.
   *
   * @throws NotFoundException when nothing there is for that platform
   */
  public static Descriptor select(ReadOnlyStorage src, Descriptor root, Platform wanted) throws IOException {
    if (MediaTypes.isIndex(root.mediaType())) {
      EncodedManifest index = Contents.fetchManifest(src, root);
      for (Descriptor entry : index.index().manifests()) {
        if (entry.platform() != null && entry.platform().satisfies(wanted)) {
          return MediaTypes.isIndex(entry.mediaType()) ? select(src, entry, wanted) : entry;
        }
      }
      throw new NotFoundException("index " + root.digest() + " has no manifest for platform " + wanted,
          NotFoundException.Kind.MANIFEST, null, null);
    }
    if (MediaTypes.isManifest(root.mediaType())) {
      Descriptor config = Contents.fetchManifest(src, root).manifest().config();
      if (config != null && configPlatform(src, config).satisfies(wanted)) {
        return root;
      }
      throw new NotFoundException("manifest " + root.digest() + " is not for platform " + wanted,
          NotFoundException.Kind.MANIFEST, null, null);
    }
    throw new NotFoundException(root.brief() + " is neither an index nor a manifest; it has no platform");
  }

  private static Platform configPlatform(ReadOnlyStorage src, Descriptor config) throws IOException {
    if (!MediaTypes.OCI_CONFIG.equals(config.mediaType()) && !MediaTypes.DOCKER_CONFIG.equals(config.mediaType())) {
      return Platform.of(null, null, null); // an artifact's config names no platform
    }
    JsonNode node = Json.read(Contents.fetchAll(src, config, MAX_CONFIG_BYTES), JsonNode.class, "image config");
    return new Platform(node.path("architecture").asText(null), node.path("os").asText(null),
        node.path("os.version").asText(null), null, node.path("variant").asText(null), null);
  }
}

package dev.berth.core.layout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.MediaTypes;
import dev.berth.core.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * Tells from a blob's bytes whether it is a manifest or index and of which media type. A layout keeps
 * no media types for untagged blobs, so resolving a digest and scanning for referrers must look inside.
 */
public final class ManifestSniffer {
  private ManifestSniffer() {}

  /** Whether {@code head}, the first bytes of a blob, could start a JSON object: checked before reading it all. */
  public static boolean mayBeJsonObject(byte[] head) {
    return head.length > 0 && head[firstNonSpace(head)] == '{';
  }

  /** The manifest or index media type of {@code bytes}, or null when they are neither. */
  public static @Nullable String mediaType(byte[] bytes) {
    if (!mayBeJsonObject(bytes)) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.tree(bytes);
    } catch (java.io.IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode mt = node.get("mediaType");
    if (mt != null && mt.isTextual()) {
      return MediaTypes.isManifestOrIndex(mt.asText()) ? mt.asText() : null;
    }
    // mediaType is only a SHOULD in image-spec; recognise the shapes instead.
    if (node.path("manifests").isArray()) {
      return MediaTypes.OCI_INDEX;
    }
    if (node.path("config").isObject() && node.path("layers").isArray()) {
      return MediaTypes.OCI_MANIFEST;
    }
    return null;
  }

  private static int firstNonSpace(byte[] bytes) {
    int i = 0;
    while (i < bytes.length - 1 && Character.isWhitespace(bytes[i])) {
      i++;
    }
    return i;
  }
}

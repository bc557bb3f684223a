package dev.berth.artifacts.referrers;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.ReferrerLister;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what is attached to a manifest: one level ({@link #referrers}) or the whole tree
 * ({@link #tree}: signatures of SBOMs of an image, and so on).
 *
 * <p>Stores that can list referrers ({@link ReferrerLister}: remote repositories, with the ghcr.io
 * fallback tag built in, OCI layouts, memory) are asked directly. Any other store is read the way a
 * registry without the referrers API is: the index tagged {@code <alg>-<hex>} of the subject's digest
 * (distribution-spec v1.1, "referrers tag schema").
 */
public final class Discover {
  private Discover() {}

  /** How deep {@link #tree(ReadOnlyTarget, Descriptor, String)} goes: far deeper than real chains. */
  public static final int DEFAULT_MAX_DEPTH = 16;

  /**
   * The manifests whose subject is {@code subject}.
   *
   * @param artifactType only those of this type, or null for all
   */
  public static List<Descriptor> referrers(ReadOnlyTarget store, Descriptor subject, String artifactType)
      throws IOException {
    if (store instanceof ReferrerLister lister) {
      return lister.referrers(subject, artifactType);
    }
    return fromFallbackTag(store, subject, artifactType);
  }

  /** The referrers tree below {@code subject}, to {@link #DEFAULT_MAX_DEPTH} levels. */
  public static ReferrerNode tree(ReadOnlyTarget store, Descriptor subject, String artifactType) throws IOException {
    return tree(store, subject, artifactType, DEFAULT_MAX_DEPTH);
  }

  /**
   * The referrers tree below {@code subject}.
   *
   * @param artifactType only referrers of this type, at every level; null for all
   * @param maxDepth levels to follow; 1 gives the same as {@link #referrers}
   */
  public static ReferrerNode tree(ReadOnlyTarget store, Descriptor subject, String artifactType, int maxDepth)
      throws IOException {
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must not be negative: " + maxDepth);
    }
    List<ReferrerNode> children = new ArrayList<>();
    if (maxDepth > 0) {
      for (Descriptor r : referrers(store, subject, artifactType)) {
        children.add(tree(store, r, artifactType, maxDepth - 1));
      }
    }
    return new ReferrerNode(subject, children);
  }

  private static List<Descriptor> fromFallbackTag(ReadOnlyTarget store, Descriptor subject, String artifactType)
      throws IOException {
    Descriptor index;
    try {
      index = store.resolve(subject.digest().toTagForm());
    } catch (NotFoundException none) {
      return List.of();
    }
    if (!MediaTypes.isIndex(index.mediaType())) {
      return List.of();
    }
    EncodedManifest encoded = Contents.fetchManifest(store, index);
    return encoded.index().manifests().stream()
        .filter(d -> artifactType == null || artifactType.equals(d.artifactType()))
        .toList();
  }
}

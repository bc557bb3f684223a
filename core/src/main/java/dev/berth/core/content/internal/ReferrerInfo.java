package dev.berth.core.content.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import org.jspecify.annotations.Nullable;

/**
 * What the referrers API says about a manifest that has a subject: the subject it points at and the
 * descriptor a referrers list carries for it (artifact type and annotations filled in, image-spec 1.1).
 */
public record ReferrerInfo(Descriptor subject, Descriptor referrer) {

  /** The referrer facts of {@code node}, or null when it is not a manifest or index with a subject. */
  public static @Nullable ReferrerInfo of(EncodedManifest node) {
    Descriptor plain = Descriptors.plain(node.descriptor());
    if (node.isIndex()) {
      Index index = node.index();
      if (index.subject() == null) {
        return null;
      }
      return new ReferrerInfo(index.subject(),
          plain.withArtifactType(index.artifactType()).withAnnotations(index.annotations()));
    }
    if (!MediaTypes.isManifest(node.mediaType())) {
      return null;
    }
    Manifest m = node.manifest();
    if (m.subject() == null) {
      return null;
    }
    return new ReferrerInfo(m.subject(),
        plain.withArtifactType(m.effectiveArtifactType()).withAnnotations(m.annotations()));
  }
}

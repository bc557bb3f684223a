package dev.berth.artifacts.referrers;

import dev.berth.artifacts.internal.MountSources;
import dev.berth.core.Descriptor;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import java.io.IOException;

/**
 * Copies an artifact or image together with everything attached to it (signatures, SBOMs, and what is
 * attached to those) between registries, OCI layouts and memory.
 *
 * <p>Referrers are found the way {@link Discover} finds them (the referrers API, the fallback tag on
 * registries without it, a layout's own index) and arrive at the destination as untagged manifests
 * whose {@code subject} is the copied root, so the destination lists them too: a registry without the
 * referrers API gets the subject's fallback tag written by the push. Between two repositories of one
 * registry, blobs are mounted rather than moved.
 */
public final class ArtifactCopy {
  private ArtifactCopy() {}

  /**
   * Copies {@code srcRef} and its referrers, recursively, from {@code src} to {@code dst}.
   *
   * @param dstRef the destination tag; null keeps {@code srcRef} when it is a tag
   * @return the copied root
   */
  public static Descriptor copyWithReferrers(ReadOnlyTarget src, String srcRef, Target dst, String dstRef,
      CopyOptions options) throws IOException {
    CopyOptions withReferrers = options.newBuilder().includeReferrers(true).build();
    return Copier.copy(src, srcRef, dst, dstRef, MountSources.withSameRegistryMounts(src, dst, withReferrers));
  }
}

package dev.berth.artifacts.image;

import dev.berth.core.Descriptor;
import dev.berth.core.Platform;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Container images between registries, OCI layouts and memory: pull one platform out of a
 * multi-platform image, save an image to an OCI layout (which skopeo, umoci and oras read), copy
 * between registries.
 *
 * <pre>{@code
 * Repository alpine = client.repository("docker.io/library/alpine");
 * Images.save(alpine, "3.19", Path.of("alpine-layout"), "3.19", Platform.parse("linux/arm64"));
 * Images.copy(client.repository("ghcr.io/o/base"), "v1", client.repository("ghcr.io/o/mirror"), "v1",
 *     null, CopyOptions.defaults());   // same registry: every blob is mounted, none moves
 * }</pre>
 *
 * <p>Everything here is one {@link Copier} graph copy: what the destination has is skipped, and when
 * source and destination are two repositories on the same registry host blobs are mounted from the
 * source repository (unless the options name mount sources already) instead of downloaded and
 * uploaded again.
 */
public final class Images {
  private Images() {}

  /**
   * Copies the image {@code srcRef} names from {@code src} to {@code dst}, tagged {@code dstTag}.
   *
   * @param platform the platform to take from a multi-platform image (it alone is copied and tagged);
   *     null copies the image as it is, index and all platforms included
   * @param dstTag the destination tag, or null for none
   * @return the descriptor of what was copied and tagged: the platform's manifest, or the root
   * @throws NoMatchingPlatformException when the index has no image for {@code platform}, listing the
   *     platforms it has
   */
  public static Descriptor copy(ReadOnlyTarget src, String srcRef, Target dst, String dstTag, Platform platform,
      CopyOptions options) throws IOException {
    Descriptor root = src.resolve(srcRef);
    Descriptor image = platform == null ? root : PlatformSelector.selectImage(src, root, platform);
    Copier.copyGraph(src, dst, image, options.newBuilder().platform(null).build());
    if (dstTag != null) {
      dst.tag(image, dstTag);
    }
    return image;
  }

  /**
   * Pulls one image into {@code dst} (memory, a layout): {@link #copy} with a platform that must be
   * chosen when the source is a multi-platform index.
   *
   * @param platform the platform; may be null only when the source holds a single image
   * @throws NoMatchingPlatformException when no image (or more than one) fits
   */
  public static Descriptor pull(ReadOnlyTarget src, String srcRef, Target dst, String dstTag, Platform platform)
      throws IOException {
    Descriptor root = src.resolve(srcRef);
    Descriptor image = PlatformSelector.selectImage(src, root, platform);
    Copier.copyGraph(src, dst, image, CopyOptions.defaults());
    if (dstTag != null) {
      dst.tag(image, dstTag);
    }
    return image;
  }

  /**
   * Saves an image to the OCI layout at {@code layoutDir} (created if missing), tagged {@code tag}, so
   * that {@code skopeo copy oci:DIR:TAG ...} or {@code umoci unpack --image DIR:TAG} can read it.
   *
   * @param platform the platform to save from a multi-platform image, or null to save it whole
   */
  public static Descriptor save(ReadOnlyTarget src, String srcRef, Path layoutDir, String tag, Platform platform)
      throws IOException {
    return copy(src, srcRef, OciLayout.open(layoutDir), tag, platform, CopyOptions.defaults());
  }
}

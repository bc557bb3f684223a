package dev.berth.artifacts.image;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.ReadOnlyTarget;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Chooses one image from an index (OCI image index or Docker manifest list) by platform.
 *
 * <p>Matching compares os and architecture, and variant when the wanted platform names one, after the
 * usual normalisation: {@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}, and
 * {@code arm64/v8} is plain {@code arm64}. Among several matches an entry whose variant equals the
 * wanted one (including none) wins, then index order. Entries without a platform, such as BuildKit's
 * attestation manifests ({@code unknown/unknown}), never match.
 */
public final class PlatformSelector {
  private PlatformSelector() {}

  /**
   * The entry of {@code index} for {@code wanted}. With {@code wanted} null the index must hold exactly
   * one image with a platform.
   *
   * @throws NoMatchingPlatformException when nothing matches (or a choice is needed), listing what the
   *     index offers
   */
  public static Descriptor select(Index index, @Nullable Platform wanted) throws NoMatchingPlatformException {
    List<Descriptor> images = index.manifests().stream()
        .filter(d -> d.platform() != null && !"unknown".equals(d.platform().os()))
        .toList();
    List<Platform> available = images.stream().map(Descriptor::platform).toList();
    if (wanted == null) {
      if (images.size() == 1) {
        return images.get(0);
      }
      throw new NoMatchingPlatformException("the index holds " + images.size() + " images; choose a platform: "
          + describe(available), null, available);
    }
    Platform want = normalise(wanted);
    Descriptor firstMatch = null;
    for (Descriptor d : images) {
      Platform have = normalise(Objects.requireNonNull(d.platform(), "images without a platform are filtered out above"));
      if (have.satisfies(want)) {
        if (Objects.equals(have.variant(), want.variant())) {
          return d;
        }
        if (firstMatch == null) {
          firstMatch = d;
        }
      }
    }
    if (firstMatch != null) {
      return firstMatch;
    }
    throw new NoMatchingPlatformException("no image for platform " + wanted + " in the index; available: "
        + describe(available), wanted, available);
  }

  /**
   * Resolves {@code reference} in {@code source} to a single image manifest: an index is narrowed to
   * {@code wanted} with {@link #select}; a manifest is returned as it is (its platform is not checked,
   * since single-platform images often carry none that can be trusted).
   *
   * @param wanted the platform, or null to accept a single-image index or a plain manifest
   * @throws NoMatchingPlatformException when an index has no image for {@code wanted}
   * @throws UnsupportedException when the reference names neither a manifest nor an index
   */
  public static Descriptor resolveImage(ReadOnlyTarget source, String reference, Platform wanted)
      throws IOException {
    return selectImage(source, source.resolve(reference), wanted);
  }

  /** Like {@link #resolveImage} for a descriptor already resolved, following nested indexes. */
  public static Descriptor selectImage(ReadOnlyStorage source, Descriptor node, @Nullable Platform wanted)
      throws IOException {
    Descriptor current = node;
    // Indexes of indexes exist (a tag naming an index whose entries are indexes); a few hops suffice.
    for (int depth = 0; depth < 4; depth++) {
      if (MediaTypes.isManifest(current.mediaType())) {
        return current;
      }
      if (!MediaTypes.isIndex(current.mediaType())) {
        throw new UnsupportedException(current.brief() + " is neither an image manifest nor an index");
      }
      EncodedManifest index = Contents.fetchManifest(source, current);
      current = select(index.index(), wanted);
    }
    throw new UnsupportedException(node.brief() + ": indexes nested too deeply");
  }

  /** The platform with architecture aliases and redundant variants folded away. */
  static Platform normalise(Platform p) {
    String os = p.os() == null ? null : p.os().toLowerCase(Locale.ROOT);
    String arch = p.architecture() == null ? null : p.architecture().toLowerCase(Locale.ROOT);
    String variant = p.variant();
    switch (arch == null ? "" : arch) {
      case "x86_64", "x86-64" -> arch = "amd64";
      case "aarch64" -> arch = "arm64";
      default -> { }
    }
    if ("arm64".equals(arch) && "v8".equals(variant) || "amd64".equals(arch) && "v1".equals(variant)) {
      variant = null;
    }
    return new Platform(arch, os, p.osVersion(), p.osFeatures(), variant, p.features());
  }

  private static String describe(List<Platform> platforms) {
    if (platforms.isEmpty()) {
      return "(none)";
    }
    return platforms.stream().map(Platform::toString).collect(Collectors.joining(", "));
  }
}

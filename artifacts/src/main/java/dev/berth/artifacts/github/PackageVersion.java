package dev.berth.artifacts.github;

import dev.berth.core.Digest;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One version of a container package as GitHub's packages REST API lists it. For container packages
 * each version is one manifest: {@code name} is its digest and {@code tags} its tags (possibly none).
 *
 * @param id the version id that the delete endpoint takes
 * @param name the version name; for containers the manifest digest, {@code sha256:...}
 * @param tags the tags pointing at this version ({@code metadata.container.tags}), maybe empty
 * @param createdAt creation time as GitHub reports it (ISO 8601), or null
 * @param updatedAt last update time (ISO 8601), or null
 * @param htmlUrl the version's page on GitHub, or null
 */
public record PackageVersion(
    long id, String name, List<String> tags, @Nullable String createdAt, @Nullable String updatedAt, @Nullable String htmlUrl) {

  /** Copies the tags; null becomes empty. */
  public PackageVersion {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The manifest digest, when {@code name} is one (it always is for container packages). */
  public Optional<Digest> digest() {
    try {
      return Optional.of(Digest.parse(name));
    } catch (IllegalArgumentException notADigest) {
      return Optional.empty();
    }
  }

  /** Whether {@code tag} points at this version. */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }
}

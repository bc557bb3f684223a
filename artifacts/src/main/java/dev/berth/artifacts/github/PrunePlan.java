package dev.berth.artifacts.github;

import java.util.List;

/**
 * What {@link PrunePlanner} decided for each version of a package: the versions to delete and the
 * versions kept, each with the reason.
 *
 * @param delete the versions to delete, newest first as GitHub lists them
 * @param keep the versions kept
 */
public record PrunePlan(List<Decision> delete, List<Decision> keep) {
  /** Copies the lists. */
  public PrunePlan {
    delete = List.copyOf(delete);
    keep = List.copyOf(keep);
  }

  /**
   * One version and why it is deleted or kept.
   *
   * @param version the version
   * @param reason why, e.g. {@code "untagged, created 2024-05-01T10:00:00Z"}
   */
  public record Decision(PackageVersion version, String reason) {}
}

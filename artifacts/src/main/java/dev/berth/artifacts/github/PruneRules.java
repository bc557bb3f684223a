package dev.berth.artifacts.github;

import java.time.Duration;

/**
 * What {@link PrunePlanner} deletes from a container package. Each rule is off unless set; a version
 * that no rule selects is kept, and so is everything a kept index still references.
 *
 * @param keepTagged keep the N newest tagged versions and delete older tagged ones; negative keeps every
 *     tagged version
 * @param untaggedOlderThan delete untagged versions created longer ago than this; null keeps them
 * @param orphanedReferrerTags delete versions tagged only with referrers fallback tags ({@code
 *     sha256-HEX}, also with a suffix such as cosign's {@code .sig}) whose subject is no longer in the
 *     package, or is being deleted by this plan
 */
public record PruneRules(int keepTagged, Duration untaggedOlderThan, boolean orphanedReferrerTags) {
  /** Rules that delete nothing; change them with the {@code with...} methods. */
  public static PruneRules none() {
    return new PruneRules(-1, null, false);
  }

  /** Checks the duration. */
  public PruneRules {
    if (untaggedOlderThan != null && untaggedOlderThan.isNegative()) {
      throw new IllegalArgumentException("untaggedOlderThan must not be negative: " + untaggedOlderThan);
    }
  }

  /** A copy that keeps only the {@code n} newest tagged versions. */
  public PruneRules withKeepTagged(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("the number of tagged versions to keep must not be negative: " + n);
    }
    return new PruneRules(n, untaggedOlderThan, orphanedReferrerTags);
  }

  /** A copy that deletes untagged versions older than {@code age}. */
  public PruneRules withUntaggedOlderThan(Duration age) {
    return new PruneRules(keepTagged, age, orphanedReferrerTags);
  }

  /** A copy that deletes referrers fallback tags whose subject is gone. */
  public PruneRules withOrphanedReferrerTags(boolean on) {
    return new PruneRules(keepTagged, untaggedOlderThan, on);
  }

  /** Whether any rule would delete something. */
  public boolean deletesAnything() {
    return keepTagged >= 0 || untaggedOlderThan != null || orphanedReferrerTags;
  }
}

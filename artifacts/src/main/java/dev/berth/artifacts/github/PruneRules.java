package dev.berth.artifacts.github;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PrunePlanner} deletes from a container package. Each rule is off unless set; a version
 * that no rule selects is kept, and so is everything a kept index still references. Immutable; start
 * from {@link #none()} or {@link #builder()}. A class with a builder rather than a record, so that a rule
 * added later breaks no caller.
 *
 * <pre>{@code
 * PruneRules rules = PruneRules.builder().keepTagged(10).untaggedOlderThan(Duration.ofDays(30)).build();
 * }</pre>
 */
public final class PruneRules {
  private static final PruneRules NONE = builder().build();

  private final int keepTagged;
  private final @Nullable Duration untaggedOlderThan;
  private final boolean orphanedReferrerTags;

  private PruneRules(Builder b) {
    this.keepTagged = b.keepTagged;
    this.untaggedOlderThan = b.untaggedOlderThan;
    this.orphanedReferrerTags = b.orphanedReferrerTags;
  }

  /** Rules that delete nothing. */
  public static PruneRules none() {
    return NONE;
  }

  /** A builder starting from {@link #none()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these rules, to change some of them. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Keep the N newest tagged versions and delete older tagged ones; negative (the default) keeps every tagged version. */
  public int keepTagged() {
    return keepTagged;
  }

  /** Delete untagged versions created longer ago than this; null (the default) keeps them. */
  public @Nullable Duration untaggedOlderThan() {
    return untaggedOlderThan;
  }

  /**
   * Whether to delete versions tagged only with referrers fallback tags ({@code sha256-HEX}, also with a
   * suffix such as cosign's {@code .sig}) whose subject is no longer in the package, or is being deleted
   * by this plan; default false.
   */
  public boolean orphanedReferrerTags() {
    return orphanedReferrerTags;
  }

  /** Whether any rule would delete something. */
  public boolean deletesAnything() {
    return keepTagged >= 0 || untaggedOlderThan != null || orphanedReferrerTags;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PruneRules other && keepTagged == other.keepTagged
        && Objects.equals(untaggedOlderThan, other.untaggedOlderThan)
        && orphanedReferrerTags == other.orphanedReferrerTags;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keepTagged, untaggedOlderThan, orphanedReferrerTags);
  }

  @Override
  public String toString() {
    return "PruneRules[keepTagged=" + keepTagged + ", untaggedOlderThan=" + untaggedOlderThan
        + ", orphanedReferrerTags=" + orphanedReferrerTags + "]";
  }

  /** Builds {@link PruneRules}. */
  public static final class Builder {
    private int keepTagged = -1;
    private @Nullable Duration untaggedOlderThan;
    private boolean orphanedReferrerTags;

    private Builder() {}

    private Builder(PruneRules r) {
      keepTagged = r.keepTagged;
      untaggedOlderThan = r.untaggedOlderThan;
      orphanedReferrerTags = r.orphanedReferrerTags;
    }

    /**
     * Keep only the {@code n} newest tagged versions.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public Builder keepTagged(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("the number of tagged versions to keep must not be negative: " + n);
      }
      this.keepTagged = n;
      return this;
    }

    /**
     * Delete untagged versions older than {@code age}; null keeps them all.
     *
     * @throws IllegalArgumentException when {@code age} is negative
     */
    public Builder untaggedOlderThan(Duration age) {
      if (age != null && age.isNegative()) {
        throw new IllegalArgumentException("untaggedOlderThan must not be negative: " + age);
      }
      this.untaggedOlderThan = age;
      return this;
    }

    /** Whether to delete referrers fallback tags whose subject is gone. */
    public Builder orphanedReferrerTags(boolean on) {
      this.orphanedReferrerTags = on;
      return this;
    }

    /** The rules as set so far. */
    public PruneRules build() {
      return new PruneRules(this);
    }
  }
}

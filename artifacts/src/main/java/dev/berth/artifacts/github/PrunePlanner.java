package dev.berth.artifacts.github;

import dev.berth.core.Digest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which versions of a container package {@link PruneRules} delete, without deleting anything:
 * the plan is what {@code --dry-run} prints and what a prune then carries out.
 *
 * <p>Rules: the N newest versions that carry a tag are kept and older tagged ones deleted (referrers
 * fallback tags do not count as tags here); untagged versions older than a duration are deleted;
 * versions tagged only with referrers fallback tags ({@code sha256-HEX}) whose subject is gone, or goes
 * in this plan, are deleted. Whatever the rules say, a version that a kept index references (a
 * platform manifest of a kept multi-platform image, a referrer listed by a kept fallback index) is
 * kept, and so is everything such a version references in turn. Versions whose creation time GitHub
 * did not give are never deleted by age.
 *
 * <p>Which versions are indexes, and what they reference, is not in GitHub's listing: the planner asks
 * {@link Manifests} for each kept version's children (the registry's manifest, for a real package).
 */
public final class PrunePlanner {
  /** Looks up what a manifest references. */
  @FunctionalInterface
  public interface Manifests {
    /**
     * The digests of the manifests {@code digest} references: an index's {@code manifests}; empty for
     * an image or artifact manifest.
     */
    List<Digest> childrenOf(Digest digest) throws IOException;
  }

  /** {@code sha256-HEX}, as the referrers tag schema names a subject, optionally with cosign's suffix. */
  private static final Pattern FALLBACK_TAG = Pattern.compile("(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})(\\..+)?");

  private PrunePlanner() {}

  /**
   * Plans a prune of {@code versions} (one package, as {@link GitHubPackages#listVersions} returns them)
   * at time {@code now}.
   *
   * @throws IOException when a kept version's manifest cannot be read; nothing should then be deleted,
   *     since what it references is unknown
   */
  public static PrunePlan plan(List<PackageVersion> versions, PruneRules rules, Instant now, Manifests manifests)
      throws IOException {
    Objects.requireNonNull(rules, "rules");
    Map<Long, PackageVersion> byId = new LinkedHashMap<>();
    Map<String, Long> idByDigest = new HashMap<>();
    for (PackageVersion v : versions) {
      byId.put(v.id(), v);
      idByDigest.put(v.name(), v.id());
    }
    Map<Long, String> base = selectByRules(versions, rules, now);
    Map<Long, String> kept = new HashMap<>(); // id -> why it was protected
    Map<Digest, List<Digest>> children = new HashMap<>();
    Map<Long, String> deleting;
    while (true) {
      deleting = new LinkedHashMap<>(base);
      deleting.keySet().removeAll(kept.keySet());
      if (rules.orphanedReferrerTags()) {
        addOrphans(versions, idByDigest, deleting, kept);
      }
      Map<Long, String> protect = protectedBy(byId, deleting, idByDigest, children, manifests);
      protect.keySet().removeAll(kept.keySet());
      protect.keySet().retainAll(deleting.keySet());
      if (protect.isEmpty()) {
        break;
      }
      kept.putAll(protect);
    }
    List<PrunePlan.Decision> delete = new ArrayList<>();
    List<PrunePlan.Decision> keep = new ArrayList<>();
    for (PackageVersion v : versions) {
      String why = deleting.get(v.id());
      if (why != null) {
        delete.add(new PrunePlan.Decision(v, why));
      } else {
        keep.add(new PrunePlan.Decision(v, kept.getOrDefault(v.id(), keepReason(v))));
      }
    }
    return new PrunePlan(delete, keep);
  }

  /** The subject digest a referrers fallback tag names, if {@code tag} is one. */
  public static Optional<Digest> fallbackSubject(String tag) {
    Matcher m = FALLBACK_TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(Digest.parse(m.group(1) + ":" + m.group(2)));
  }

  private static Map<Long, String> selectByRules(List<PackageVersion> versions, PruneRules rules, Instant now) {
    Map<Long, String> out = new LinkedHashMap<>();
    if (rules.keepTagged() >= 0) {
      List<PackageVersion> tagged = versions.stream().filter(v -> !realTags(v).isEmpty())
          .sorted(Comparator.comparing((PackageVersion v) -> created(v).orElse(Instant.MIN)).reversed()
              .thenComparing(Comparator.comparingLong(PackageVersion::id).reversed()))
          .toList();
      for (int i = rules.keepTagged(); i < tagged.size(); i++) {
        PackageVersion v = tagged.get(i);
        out.put(v.id(), "tagged " + String.join(", ", realTags(v)) + ", older than the " + rules.keepTagged()
            + " newest tagged version" + (rules.keepTagged() == 1 ? "" : "s"));
      }
    }
    if (rules.untaggedOlderThan() != null) {
      Instant cutoff = now.minus(rules.untaggedOlderThan());
      for (PackageVersion v : versions) {
        Optional<Instant> created = created(v);
        if (v.tags().isEmpty() && created.isPresent() && created.get().isBefore(cutoff)) {
          out.put(v.id(), "untagged, created " + v.createdAt() + ", older than " + human(rules.untaggedOlderThan()));
        }
      }
    }
    return out;
  }

  /** Adds fallback-only versions whose subjects are all gone or going, until no more are found. */
  private static void addOrphans(List<PackageVersion> versions, Map<String, Long> idByDigest,
      Map<Long, String> deleting, Map<Long, String> kept) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (PackageVersion v : versions) {
        if (v.tags().isEmpty() || !realTags(v).isEmpty() || deleting.containsKey(v.id()) || kept.containsKey(v.id())) {
          continue;
        }
        boolean allGone = true;
        for (String tag : v.tags()) {
          Long subject = idByDigest.get(fallbackSubject(tag).orElseThrow().toString());
          allGone &= subject == null || deleting.containsKey(subject);
        }
        if (allGone) {
          deleting.put(v.id(), "referrers fallback tag " + String.join(", ", v.tags()) + " whose subject "
              + (v.tags().stream().allMatch(t -> idByDigest.containsKey(fallbackSubject(t).orElseThrow().toString()))
                  ? "is deleted by this prune" : "is no longer in the package"));
          changed = true;
        }
      }
    }
  }

  /** Versions in {@code deleting} that a kept index references, directly or through other references. */
  private static Map<Long, String> protectedBy(Map<Long, PackageVersion> byId, Map<Long, String> deleting,
      Map<String, Long> idByDigest, Map<Digest, List<Digest>> cache, Manifests manifests) throws IOException {
    Map<Long, String> out = new HashMap<>();
    List<PackageVersion> queue = new ArrayList<>();
    for (PackageVersion v : byId.values()) {
      if (!deleting.containsKey(v.id())) {
        queue.add(v);
      }
    }
    Map<Long, Boolean> visited = new HashMap<>();
    while (!queue.isEmpty()) {
      PackageVersion v = queue.remove(queue.size() - 1);
      if (visited.put(v.id(), true) != null) {
        continue;
      }
      Optional<Digest> digest = v.digest();
      if (digest.isEmpty()) {
        continue;
      }
      List<Digest> kids = cache.get(digest.get());
      if (kids == null) {
        kids = List.copyOf(manifests.childrenOf(digest.get()));
        cache.put(digest.get(), kids);
      }
      for (Digest child : kids) {
        Long id = idByDigest.get(child.toString());
        if (id == null || visited.containsKey(id)) {
          continue;
        }
        if (deleting.containsKey(id)) {
          out.putIfAbsent(id, "referenced by kept index " + digest.get()
              + (v.tags().isEmpty() ? "" : " (" + String.join(", ", v.tags()) + ")"));
        }
        queue.add(byId.get(id));
      }
    }
    return out;
  }

  private static String keepReason(PackageVersion v) {
    return v.tags().isEmpty() ? "untagged, no rule selects it" : "tagged " + String.join(", ", v.tags());
  }

  private static List<String> realTags(PackageVersion v) {
    return v.tags().stream().filter(t -> fallbackSubject(t).isEmpty()).toList();
  }

  private static Optional<Instant> created(PackageVersion v) {
    if (v.createdAt() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.createdAt()));
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}

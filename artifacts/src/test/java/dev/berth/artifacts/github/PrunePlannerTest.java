package dev.berth.artifacts.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrunePlannerTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private final List<PackageVersion> versions = new ArrayList<>();
  private final Map<Digest, List<Digest>> indexes = new HashMap<>();
  private long nextId = 1;

  private static Digest d(String name) {
    return Digest.sha256(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a version created {@code daysAgo} days before NOW; versions are listed newest first. */
  private Digest version(String name, int daysAgo, String... tags) {
    Digest digest = d(name);
    versions.add(new PackageVersion(nextId++, digest.toString(), List.of(tags),
        NOW.minus(Duration.ofDays(daysAgo)).toString(), null, null));
    versions.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
    return digest;
  }

  private static String fallbackTag(Digest subject) {
    return "sha256-" + subject.hex();
  }

  private PrunePlan plan(PruneRules rules) throws IOException {
    return PrunePlanner.plan(versions, rules, NOW, digest -> indexes.getOrDefault(digest, List.of()));
  }

  private static Set<String> deleted(PrunePlan plan) {
    return plan.delete().stream().map(x -> x.version().name()).collect(Collectors.toSet());
  }

  @Test
  void keepsTheNNewestTaggedAndDeletesUntaggedOlderThanTheCutoff() throws Exception {
    version("v1", 30, "v1");
    Digest v2 = version("v2", 20, "v2");
    version("v3", 10, "v3", "latest");
    Digest old = version("old-untagged", 8);
    version("new-untagged", 1);

    PrunePlan plan = plan(PruneRules.builder().keepTagged(1).untaggedOlderThan(Duration.ofDays(7)).build());

    assertEquals(Set.of(d("v1").toString(), v2.toString(), old.toString()), deleted(plan));
    assertEquals(2, plan.keep().size());
    String reason = plan.delete().stream().filter(x -> x.version().name().equals(old.toString())).findFirst()
        .orElseThrow().reason();
    assertTrue(reason.contains("untagged") && reason.contains("7d"), reason);
  }

  @Test
  void neverDeletesWhatAKeptMultiPlatformIndexReferences() throws Exception {
    Digest amd64 = version("amd64", 40);
    Digest arm64 = version("arm64", 40);
    Digest index = version("index", 40, "v1");
    indexes.put(index, List.of(amd64, arm64));
    Digest strayOld = version("stray", 40);

    PrunePlan plan = plan(PruneRules.builder().untaggedOlderThan(Duration.ofDays(1)).build());

    assertEquals(Set.of(strayOld.toString()), deleted(plan));
    String why = plan.keep().stream().filter(x -> x.version().name().equals(amd64.toString())).findFirst()
        .orElseThrow().reason();
    assertTrue(why.contains("referenced by kept index " + index) && why.contains("v1"), why);
  }

  @Test
  void anIndexThatGoesTakesItsPlatformsWithItWhenTheyAreOldUntagged() throws Exception {
    Digest amd64 = version("amd64", 40);
    Digest index = version("index", 40, "v1");
    indexes.put(index, List.of(amd64));
    version("v2", 1, "v2");

    PrunePlan plan = plan(PruneRules.builder().keepTagged(1).untaggedOlderThan(Duration.ofDays(1)).build());

    assertEquals(Set.of(amd64.toString(), index.toString()), deleted(plan));
  }

  @Test
  void nestedIndexesProtectTheirChildrenTransitively() throws Exception {
    Digest leaf = version("leaf", 40);
    Digest inner = version("inner", 40);
    Digest outer = version("outer", 40, "v1");
    indexes.put(outer, List.of(inner));
    indexes.put(inner, List.of(leaf));

    assertEquals(Set.of(), deleted(plan(PruneRules.builder().untaggedOlderThan(Duration.ZERO).build())));
  }

  @Test
  void referrersFallbackTagsGoWhenTheirSubjectIsGoneOrGoing() throws Exception {
    Digest kept = version("kept", 5, "v2");
    Digest going = version("going", 50, "v1");
    Digest sigOfGone = version("sig-gone", 60, fallbackTag(d("deleted-long-ago")));
    Digest sigOfGoing = version("sig-going", 50, fallbackTag(going) + ".sig");
    Digest sigOfKept = version("sig-kept", 5, fallbackTag(kept));
    Digest referrer = version("sbom", 5);
    indexes.put(sigOfKept, List.of(referrer));

    PrunePlan plan = plan(PruneRules.builder().keepTagged(1).orphanedReferrerTags(true)
        .untaggedOlderThan(Duration.ZERO).build());

    assertEquals(Set.of(going.toString(), sigOfGone.toString(), sigOfGoing.toString()), deleted(plan));
    assertTrue(plan.keep().stream().anyMatch(x -> x.version().name().equals(sigOfKept.toString())));
    assertTrue(plan.keep().stream().anyMatch(x -> x.version().name().equals(referrer.toString())),
        "the referrer listed by a kept fallback index stays");
  }

  @Test
  void fallbackTagsDoNotCountAmongTheNNewestTagged() throws Exception {
    Digest v1 = version("v1", 10, "v1");
    version("sig", 1, fallbackTag(v1));

    assertEquals(Set.of(), deleted(plan(PruneRules.builder().keepTagged(1).build())));
  }

  @Test
  void noRulesDeleteNothingAndAnUnreadableManifestStopsThePlan() throws Exception {
    version("a", 100);
    version("b", 100, "v1");

    assertEquals(Set.of(), deleted(plan(PruneRules.none())));
    IOException e = assertThrows(IOException.class, () -> PrunePlanner.plan(versions,
        PruneRules.builder().untaggedOlderThan(Duration.ZERO).build(), NOW, digest -> {
          throw new IOException("manifest unknown");
        }));
    assertEquals("manifest unknown", e.getMessage());
  }

  @Test
  void fallbackSubjectParsesOnlyFallbackTags() {
    Digest x = d("x");
    assertEquals(x, PrunePlanner.fallbackSubject("sha256-" + x.hex()).orElseThrow());
    assertEquals(x, PrunePlanner.fallbackSubject("sha256-" + x.hex() + ".att").orElseThrow());
    assertTrue(PrunePlanner.fallbackSubject("sha256-abc").isEmpty());
    assertTrue(PrunePlanner.fallbackSubject("v1.0").isEmpty());
  }
}

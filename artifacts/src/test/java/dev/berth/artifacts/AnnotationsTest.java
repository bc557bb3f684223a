package dev.berth.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnotationsTest {
  private static final Map<String, String> ACTIONS = Map.of(
      "GITHUB_ACTIONS", "true",
      "GITHUB_SERVER_URL", "https://github.com",
      "GITHUB_REPOSITORY", "octo/berth");

  @Test
  void sourceComesFromGitHubActionsEnvironment() {
    assertEquals(Optional.of("https://github.com/octo/berth"), Annotations.gitHubActionsSource(ACTIONS));
    Annotations a = Annotations.builder().sourceFromGitHubActions(ACTIONS).build();
    assertEquals(Map.of(Annotations.SOURCE, "https://github.com/octo/berth"), a.toMap());
  }

  @Test
  void enterpriseServerUrlWithTrailingSlashIsJoinedCleanly() {
    Map<String, String> env = Map.of("GITHUB_ACTIONS", "true",
        "GITHUB_SERVER_URL", "https://git.example.com/", "GITHUB_REPOSITORY", "team/app");
    assertEquals(Optional.of("https://git.example.com/team/app"), Annotations.gitHubActionsSource(env));
  }

  @Test
  void outsideActionsNoSourceIsDerived() {
    Map<String, String> notActions = Map.of("GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "o/r");
    assertEquals(Optional.empty(), Annotations.gitHubActionsSource(notActions));
    assertEquals(Optional.empty(), Annotations.gitHubActionsSource(Map.of("GITHUB_ACTIONS", "true")));
    assertSame(Annotations.none(), Annotations.builder().sourceFromGitHubActions(notActions).build());
  }

  @Test
  void explicitSourceWinsOverActionsEnvironment() {
    Annotations a = Annotations.builder().source("https://example.com/src").sourceFromGitHubActions(ACTIONS).build();
    assertEquals(Optional.of("https://example.com/src"), a.source());
  }

  @Test
  void descriptionOfExactly512CharactersIsAcceptedAnd513Refused() {
    String max = "d".repeat(Annotations.MAX_DESCRIPTION);
    assertEquals(Optional.of(max), Annotations.builder().description(max).build().description());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Annotations.builder().description(max + "x").build());
    assertTrue(e.getMessage().contains("513") && e.getMessage().contains("512"), e.getMessage());
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDE80".repeat(Annotations.MAX_DESCRIPTION); // 512 code points, 1024 chars
    assertEquals(Optional.of(emoji), Annotations.builder().description(emoji).build().description());
  }

  @Test
  void licensesLongerThan256Refused() {
    assertThrows(IllegalArgumentException.class,
        () -> Annotations.builder().licenses("l".repeat(Annotations.MAX_LICENSES + 1)).build());
    assertEquals(Optional.of("MIT"), Annotations.builder().licenses("MIT").build().licenses());
  }

  @Test
  void blankValuesRefused() {
    assertThrows(IllegalArgumentException.class, () -> Annotations.builder().source(" ").build());
  }

  @Test
  void appliesToManifestKeepingOtherAnnotationsAndReplacingSameKeys() {
    Manifest m = Manifest.artifact("application/x.test", List.of())
        .withAnnotations(Map.of("keep", "1", Annotations.LICENSES, "GPL-2.0"));
    Annotations a = Annotations.builder().source("https://github.com/o/r").licenses("MIT").build();
    Map<String, String> got = a.applyTo(m).annotations();
    assertEquals(Map.of("keep", "1", Annotations.LICENSES, "MIT", Annotations.SOURCE, "https://github.com/o/r"), got);
  }

  @Test
  void appliesToIndex() {
    Index i = Index.of(List.of(Descriptor.EMPTY_JSON));
    Annotations a = Annotations.builder().description("multi-arch").build();
    assertEquals(Map.of(Annotations.DESCRIPTION, "multi-arch"), a.applyTo(i).annotations());
  }

  @Test
  void emptyAnnotationsLeaveContentUnchanged() {
    Manifest m = Manifest.artifact("application/x.test", List.of());
    assertSame(m, Annotations.none().applyTo(m));
    assertTrue(Annotations.none().isEmpty());
  }
}

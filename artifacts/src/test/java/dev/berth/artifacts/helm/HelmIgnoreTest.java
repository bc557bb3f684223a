package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HelmIgnoreTest {
  private final HelmIgnore rules = HelmIgnore.parse("""
      # comment
      *.tmp
      .git/
      /ci
      docs/*.md
      secret?.txt
      build/
      """);

  @Test
  void patternsWithoutSlashMatchTheLastSegmentAnywhere() {
    assertTrue(rules.ignores("a.tmp", false));
    assertTrue(rules.ignores("templates/x/b.tmp", false));
    assertTrue(rules.ignores("secret1.txt", false));
    assertFalse(rules.ignores("secret12.txt", false));
    assertFalse(rules.ignores("values.yaml", false));
  }

  @Test
  void trailingSlashMatchesDirectoriesOnly() {
    assertTrue(rules.ignores(".git", true));
    assertFalse(rules.ignores(".git", false));
    assertTrue(rules.ignores("sub/build", true));
  }

  @Test
  void patternsWithSlashMatchTheWholePathAndStarStaysInOneSegment() {
    assertTrue(rules.ignores("docs/a.md", false));
    assertFalse(rules.ignores("docs/deep/a.md", false));
    assertTrue(rules.ignores("ci", false));
    assertFalse(rules.ignores("sub/ci", false));
  }

  @Test
  void hiddenTemplatesAreIgnoredByDefault() {
    assertTrue(HelmIgnore.defaults().ignores("templates/.swp", false));
    assertFalse(HelmIgnore.defaults().ignores("templates/deploy.yaml", false));
    assertFalse(HelmIgnore.defaults().ignores(".helmignore", false));
  }

  @Test
  void doubleStarIsRefusedAsHelmRefusesIt() {
    assertThrows(IllegalArgumentException.class, () -> HelmIgnore.parse("**/x"));
  }
}

package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pre-releases as Masterminds semver v3 (Helm's) admits them: each comparison admits a pre-release version
 * only when its own version names a pre-release, so an {@code ||} alternative admits pre-releases only when
 * every comparison in it does, and one alternative's pre-release never opens another. Cases after
 * Masterminds' {@code constraints_test.go} ({@code TestConstraintCheck}, {@code TestConstraintsCheck}), and
 * the cross-alternative cases the old single flag got wrong.
 */
class SemVerRangePrereleaseTest {
  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource(delimiter = ';', value = {
      // Masterminds' own table
      ">=1.1; 4.1.0-beta; false",
      "<=1.1; 0.1.0-alpha; false",
      "<=1.1-a; 0.1.0-alpha; true",
      ">0.0.0-0; 0.0.0-alpha; true",
      ">=0-0; 0.0.1-alpha; true",
      ">=0.0.0-0; 3.4.5-beta.1; true",
      "<0; 0.0.0-alpha; false",
      "<0-z; 0.0.0-alpha; true",
      "*; 1.2.3-alpha.1; false",
      "*-0; 1.2.3-alpha.1; true",
      "~1.2.3-beta.2; 1.2.3-beta.4; true",
      "~1.2.3-beta.2; 1.2.4-beta.2; true",
      "~1.2.3-beta.2; 1.3.4-beta.2; false",
      "^1.2.0; 1.2.1-alpha.1; false",
      "^1.2.0-alpha.0; 1.2.1-alpha.1; true",
      "^1.2.0-alpha.2; 1.2.0-alpha.1; false",
      "^0.2.3-beta.2; 0.2.4-beta.2; true",
      "^0.2.3-beta.2; 0.3.4-beta.2; false",
      "^1.x; 1.1.1-beta1; false",
      "^1.1.2-alpha; 1.2.1-beta1; true",
      "~1.1; 1.1.1-alpha; false",
      "~1.1-alpha; 1.1.1-beta; true",
      "~1.1.1-beta; 1.1.1-alpha; false",
      "~1.1.1-beta; 1.1.1; true",
      // Per comparison: every comparison of the alternative must name a pre-release
      ">=1.0.0-0 <2.0.0; 1.5.0-beta; false",
      ">=1.0.0-0 <2.0.0-0; 1.5.0-beta; true",
      "1.0.0-0 - 2.0.0; 1.5.0-beta; false",
      "1.0.0-0 - 2.0.0-0; 1.5.0-beta; true",
      // ... and per || alternative: one alternative's pre-release does not open the others
      "~1.0.0-0 || >=2.0.0; 2.1.0-beta; false",
      "~1.0.0-0 || >=2.0.0; 1.0.1-beta; true",
      ">=2.0.0 || ^1.0.0-rc.1; 2.5.0-rc.1; false",
      ">=2.0.0 || ^1.0.0-rc.1; 1.0.0-rc.2; true",
      ">=2.0.0 || ^1.0.0-rc.1; 2.5.0; true",
  })
  void aPreReleaseMatchesOnlyWhereEveryComparisonOfItsAlternativeNamesOne(String range, String version,
      boolean matches) {
    assertEquals(matches, SemVerRange.parse(range).test(SemVer.parse(version)));
  }
}

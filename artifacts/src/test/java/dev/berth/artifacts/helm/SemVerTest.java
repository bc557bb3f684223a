package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemVerTest {
  @Test
  void ordersBySemverPrecedence() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      SemVer a = SemVer.parse(ordered.get(i));
      SemVer b = SemVer.parse(ordered.get(i + 1));
      assertTrue(a.compareTo(b) < 0, a + " < " + b);
    }
  }

  @Test
  void lenientParsingFillsMissingPartsButStrictDoesNot() {
    assertEquals("1.2.0", SemVer.parse("v1.2").toString());
    assertEquals("1.0.0+build.5", SemVer.parse("1+build.5").toString());
    assertThrows(IllegalArgumentException.class, () -> SemVer.parseStrict("1.2"));
    assertThrows(IllegalArgumentException.class, () -> SemVer.parseStrict("v1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> SemVer.parse("1.2.3-01"));
    assertThrows(IllegalArgumentException.class, () -> SemVer.parse("latest"));
    assertEquals(0, SemVer.parse("1.0.0+a").compareTo(SemVer.parse("1.0.0+b")));
    assertFalse(SemVer.parse("1.0.0+a").equals(SemVer.parse("1.0.0+b")));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(delimiter = ';', value = {
      "^1.2.3; 1.2.3,1.9.9,2.0.0,1.2.2; 1.9.9",
      "^0.2.3; 0.2.3,0.2.9,0.3.0; 0.2.9",
      "^0.0.3; 0.0.3,0.0.4; 0.0.3",
      "~1.2.3; 1.2.3,1.2.9,1.3.0; 1.2.9",
      "~1; 1.0.0,1.9.0,2.0.0; 1.9.0",
      "1.2.x; 1.1.9,1.2.0,1.2.7,1.3.0; 1.2.7",
      "1.2; 1.2.0,1.2.7,1.3.0; 1.2.7",
      "*; 0.1.0,3.4.5; 3.4.5",
      ">=1.0.0 <2.0.0; 0.9.0,1.5.0,2.0.0; 1.5.0",
      ">= 1.0, < 1.5; 1.4.9,1.5.0; 1.4.9",
      "1.0.0 - 1.4.5; 1.4.5,1.4.6; 1.4.5",
      "1.0 - 1.4; 1.4.9,1.5.0; 1.4.9",
      "<=2.x; 2.9.0,3.0.0; 2.9.0",
      "!=1.0.1; 1.0.0,1.0.1; 1.0.0",
      "~0.3 || 2.x; 0.3.5,1.0.0,2.1.0; 2.1.0",
      ">1.0.0; 1.0.0,2.0.0-alpha,1.5.0; 1.5.0",
      ">=2.0.0-alpha; 2.0.0-alpha,2.0.0-beta,1.9.0; 2.0.0-beta",
  })
  void rangesChooseTheHighestMatch(String range, String versions, String expected) {
    List<SemVer> vs = java.util.Arrays.stream(versions.split(",")).map(SemVer::parse).toList();
    assertEquals(expected, SemVerRange.parse(range).highest(vs).orElseThrow().toString());
  }

  @Test
  void preReleasesAreExcludedUnlessTheRangeNamesOne() {
    assertFalse(SemVerRange.parse(">=1.0.0").test(SemVer.parse("2.0.0-rc.1")));
    assertTrue(SemVerRange.parse(">=1.0.0-0").test(SemVer.parse("2.0.0-rc.1")));
  }

  @Test
  void badRangesNameTheBadPart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SemVerRange.parse(">=1.0 banana"));
    assertTrue(e.getMessage().contains("banana"), e.getMessage());
  }
}

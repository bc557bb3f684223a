package dev.berth.artifacts.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prune rules: off unless set, refused where a value makes no sense, copied without changing the original. */
class PruneRulesTest {
  @Test
  void noRuleDeletesAnything() {
    PruneRules none = PruneRules.none();
    assertFalse(none.deletesAnything());
    assertEquals(-1, none.keepTagged());
    assertNull(none.untaggedOlderThan());
    assertFalse(none.orphanedReferrerTags());
    assertEquals(none, PruneRules.builder().build());
  }

  @Test
  void eachRuleAloneDeletesSomethingAndACopyKeepsTheOthers() {
    assertTrue(PruneRules.builder().keepTagged(0).build().deletesAnything());
    assertTrue(PruneRules.builder().untaggedOlderThan(Duration.ZERO).build().deletesAnything());
    assertTrue(PruneRules.builder().orphanedReferrerTags(true).build().deletesAnything());

    PruneRules keep = PruneRules.builder().keepTagged(3).build();
    PruneRules both = keep.newBuilder().untaggedOlderThan(Duration.ofDays(7)).build();
    assertEquals(3, both.keepTagged());
    assertEquals(Duration.ofDays(7), both.untaggedOlderThan());
    assertNull(keep.untaggedOlderThan(), "the original is unchanged");
    assertNotEquals(keep, both);
    assertEquals(both.hashCode(), keep.newBuilder().untaggedOlderThan(Duration.ofDays(7)).build().hashCode());
    assertEquals("PruneRules[keepTagged=3, untaggedOlderThan=PT168H, orphanedReferrerTags=false]", both.toString());
  }

  @Test
  void negativeValuesAreRefusedWhereTheyAreSet() {
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> PruneRules.builder().keepTagged(-1));
    assertEquals("the number of tagged versions to keep must not be negative: -1", n.getMessage());
    IllegalArgumentException age = assertThrows(IllegalArgumentException.class,
        () -> PruneRules.builder().untaggedOlderThan(Duration.ofSeconds(-1)));
    assertEquals("untaggedOlderThan must not be negative: PT-1S", age.getMessage());
  }
}

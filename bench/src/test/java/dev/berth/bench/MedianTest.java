package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedianTest {
  @Test
  void oddCountTakesTheMiddleAndIgnoresOneOutlier() {
    assertEquals(2.0, Median.of(1.0, 100.0, 2.0));
  }

  @Test
  void evenCountAveragesTheTwoMiddleValues() {
    assertEquals(2.5, Median.of(4.0, 1.0, 3.0, 2.0));
  }

  @Test
  void noValuesIsNotANumber() {
    assertTrue(Double.isNaN(Median.of()));
  }
}

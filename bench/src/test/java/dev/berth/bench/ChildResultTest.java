package dev.berth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildResultTest {
  @Test
  void theLastResultLineAmongOtherOutputIsFound() {
    ChildResult r = new ChildResult(true, 1_500_000_000L, 90_000, 30_000_000, 2_100_000_000L, null);
    List<String> out = List.of("some library logged this", r.toLine(), "and this after");
    assertEquals(r, ChildResult.find(out));
  }

  @Test
  void aFailureKeepsItsMessage() {
    ChildResult r = new ChildResult(false, 5, -1, 0, -1, "java.io.IOException: refused");
    assertEquals("java.io.IOException: refused", ChildResult.find(List.of(r.toLine())).error());
  }

  @Test
  void aChildThatCrashedBeforeReportingHasNoResult() {
    assertNull(ChildResult.find(List.of("Exception in thread \"main\" java.lang.OutOfMemoryError")));
  }
}

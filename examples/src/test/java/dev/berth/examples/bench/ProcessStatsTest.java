package dev.berth.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {
  @Test
  void peakRssIsTheHighWaterMarkLine() {
    List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t   123456 kB", "VmRSS:\t  100000 kB");
    assertEquals(123_456, ProcessStats.parseVmHwm(status));
  }

  @Test
  void withoutTheLineThereIsNoFigure() {
    assertEquals(-1, ProcessStats.parseVmHwm(List.of("Name:\tjava")));
  }

  @Test
  void thisProcessHasAPeakAtLeastAsHighAsItsHeapUse() {
    long rssKib = ProcessStats.peakRssKib();
    if (rssKib >= 0) { // only where /proc exists
      assertTrue(rssKib * 1024 > ProcessStats.peakHeapBytes() / 4, "RSS " + rssKib + " KiB");
    }
    assertTrue(ProcessStats.peakHeapBytes() > 0);
  }
}

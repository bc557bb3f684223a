package dev.berth.bench;

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

  @Test
  void cpuTimeIsUtimePlusStimeCountedAfterTheCommandName() {
    // A command name with spaces and a ')' must not shift the fields; utime 250 and stime 50 ticks.
    String stat = "4242 (docker (reg) x) S 1 4242 4242 0 -1 4194560 1536 0 0 0 250 50 0 0 20 0 9 0 100 1000 200";
    assertEquals(3_000_000_000L, ProcessStats.parseStatCpuNanos(stat));
  }

  @Test
  void anotherProcessCpuTimeIsReadByPidAndAMissingOneIsUnknown() {
    long self = ProcessHandle.current().pid();
    if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/stat"))) {
      assertTrue(ProcessStats.cpuNanosOf(self) > 0);
    }
    assertEquals(-1, ProcessStats.cpuNanosOf(Long.MAX_VALUE));
    assertTrue(ProcessStats.ownCpuNanos() > 0);
  }
}

package dev.berth.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whole-process memory figures a child reports at its end. */
final class ProcessStats {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessStats() {}

  /**
   * Peak resident set size in KiB ({@code VmHWM}, the kernel's high-water mark, so no sampling can miss
   * a peak), or -1 where /proc is not there.
   */
  static long peakRssKib() {
    try {
      return parseVmHwm(Files.readAllLines(STATUS));
    } catch (IOException e) {
      return -1;
    }
  }

  static long parseVmHwm(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmHWM:")) {
        String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
        return Long.parseLong(parts[0]);
      }
    }
    return -1;
  }

  /**
   * Peak heap use: the sum of each heap pool's peak. The pools peak at different moments, so this can
   * overstate the true peak a little; it never understates it.
   */
  static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }
}

package dev.berth.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whole-process memory and CPU figures: a child's own at its end, and other processes' CPU by pid. */
final class ProcessStats {
  private static final Path STATUS = Path.of("/proc/self/status");

  /**
   * Linux reports times in /proc/PID/stat in USER_HZ ticks, which the kernel's ABI fixes at 100 per second
   * on every architecture that exposes it to user space (sysconf(_SC_CLK_TCK)).
   */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessStats() {}

  /** CPU time (user and system) this JVM has used so far, in nanoseconds, or -1 where it is not known. */
  static long ownCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getProcessCpuTime();
    }
    return -1;
  }

  /** CPU time (user and system) process {@code pid} has used so far, in nanoseconds, or -1 where unknown. */
  static long cpuNanosOf(long pid) {
    try {
      return parseStatCpuNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * utime + stime of a /proc/PID/stat line. The command name (field 2) is in parentheses and may hold
   * spaces and parentheses itself, so fields are counted after its last ')': utime and stime are then
   * the 12th and 13th.
   */
  static long parseStatCpuNanos(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
  }

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

package dev.berth.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What a child reports on its last line of standard output: how long the operation took inside the
 * process (from creating the client to the last byte), the process's memory peaks, and the CPU time the
 * whole process used, JVM start included (-1 where unknown).
 */
record ChildResult(boolean ok, long opNanos, long peakRssKib, long peakHeapBytes, long cpuNanos, String error) {
  static final String PREFIX = "berth-bench-result ";
  private static final ObjectMapper JSON = new ObjectMapper();

  String toLine() {
    try {
      return PREFIX + JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The result among a child's output lines, or null when it printed none (it crashed). */
  static ChildResult find(List<String> stdoutLines) {
    for (int i = stdoutLines.size() - 1; i >= 0; i--) {
      String line = stdoutLines.get(i);
      if (line.startsWith(PREFIX)) {
        try {
          return JSON.readValue(line.substring(PREFIX.length()), ChildResult.class);
        } catch (JsonProcessingException e) {
          return null;
        }
      }
    }
    return null;
  }
}

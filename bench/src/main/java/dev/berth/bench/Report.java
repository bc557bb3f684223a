package dev.berth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's tables: medians per workload and client, then berth's time as a ratio of each other
 * client's (below 1 means berth is faster), as text for the terminal and markdown and JSON for files.
 */
final class Report {
  private static final String BERTH = ClientKind.BERTH.id();
  private static final List<String> OTHERS = List.of(ClientKind.RAW.id(), ClientKind.ORAS_JAVA.id(), ClientKind.JIB.id());

  private final Results results;
  private final DataSet data;
  private final Map<String, Object> context;

  /** @param context what was measured how, printed above the tables and stored in the JSON */
  Report(Results results, DataSet data, Map<String, Object> context) {
    this.results = results;
    this.data = data;
    this.context = context;
  }

  /** The medians table: one row per workload and client. */
  List<List<String>> medians() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("workload", "client", "wall s", "op s", "MiB/s", "req/artifact", "connections", "heap MiB",
        "RSS MiB", "CPU s", "server CPU s", "CPU busy", "runs"));
    for (Workload w : results.workloads()) {
      for (String c : results.contenders(w)) {
        Summary s = results.summary(w, c, data);
        rows.add(List.of(label(w), c, num(s.wallSeconds(), 2), num(s.opSeconds(), 2), num(s.mibPerSecond(), 0),
            num(s.requestsPerArtifact(), 1), num(s.connections(), 0), num(s.peakHeapMib(), 0), num(s.peakRssMib(), 0),
            num(s.clientCpuSeconds(), 2), num(s.serverCpuSeconds(), 2), percent(s.cpuBusy()),
            s.runs() + (s.failures() > 0 ? " (" + s.failures() + " failed)" : "")));
      }
    }
    return rows;
  }

  /**
   * berth's wall time over each other client's, paired run by run (op time in parentheses); below 1,
   * berth is faster.
   */
  List<List<String>> ratios() {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("workload"));
    OTHERS.forEach(o -> header.add(BERTH + "/" + o));
    boolean sequential = results.workloads().stream()
        .anyMatch(w -> results.contenders(w).contains(Contender.sequential(ClientKind.BERTH).label()));
    if (sequential) {
      header.add("speedup of concurrency");
    }
    rows.add(header);
    for (Workload w : results.workloads()) {
      List<String> row = new ArrayList<>(List.of(label(w)));
      for (String o : OTHERS) {
        row.add(pairedRatio(w, BERTH, o, ""));
      }
      if (sequential) {
        row.add(pairedRatio(w, Contender.sequential(ClientKind.BERTH).label(), BERTH, "x"));
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * The median over runs of {@code a}'s time over {@code b}'s in the same run, wall (op): pairing the
   * runs cancels what the machine's load did to both, which a ratio of medians would not.
   */
  private String pairedRatio(Workload w, String a, String b, String unit) {
    Map<Integer, Sample> others = new LinkedHashMap<>();
    results.samples(w, b).forEach(s -> others.put(s.run(), s));
    List<Double> wall = new ArrayList<>();
    List<Double> op = new ArrayList<>();
    for (Sample s : results.samples(w, a)) {
      Sample o = others.get(s.run());
      if (o != null) {
        wall.add((double) s.wallNanos() / o.wallNanos());
        op.add((double) s.opNanos() / o.opNanos());
      }
    }
    if (wall.isEmpty()) {
      return "-";
    }
    return num(Median.of(wall, d -> d), 2) + unit + " (" + num(Median.of(op, d -> d), 2) + unit + ")";
  }

  String text() {
    StringBuilder b = new StringBuilder();
    context.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    b.append('\n').append(aligned(medians())).append('\n');
    b.append("berth's time / theirs, median of per-run ratios: wall (op); below 1 berth is faster\n");
    b.append(aligned(ratios()));
    failuresText(b);
    return b.toString();
  }

  String markdown() {
    StringBuilder b = new StringBuilder("## berth benchmark\n\n");
    context.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append('\n').append(markdownTable(medians())).append('\n');
    b.append("berth's time / theirs, median of per-run ratios: whole process (operation only); below 1 berth is"
        + " faster.\n\n");
    b.append(markdownTable(ratios()));
    failuresText(b);
    return b.toString();
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>(context);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Workload w : results.workloads()) {
      for (String c : results.contenders(w)) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("workload", w.id());
        e.put("client", c);
        e.put("bytes", w.bytes(data));
        e.put("artifacts", w.artifacts(data));
        e.put("median", results.summary(w, c, data));
        e.put("samples", results.samples(w, c));
        e.put("failures", results.failures(w, c));
        entries.add(e);
      }
    }
    root.put("results", entries);
    root.put("ratios", ratios());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  private void failuresText(StringBuilder b) {
    for (Workload w : results.workloads()) {
      for (String c : results.contenders(w)) {
        for (String f : results.failures(w, c)) {
          b.append("\nFAILED ").append(w.id()).append(' ').append(c).append(": ").append(f);
        }
      }
    }
    b.append('\n');
  }

  private String label(Workload w) {
    return switch (w) {
      case PUSH_BLOB, PULL_BLOB -> w.label() + " " + mib(data.blob().size());
      case PUSH_ARTIFACT, PULL_ARTIFACT -> w.label() + " " + data.artifact().layers().size() + "x"
          + mib(data.artifact().layers().get(0).size());
      case PUSH_SMALL, PULL_SMALL -> w.label() + " " + data.small().size() + "x"
          + kib(data.small().get(0).layers().get(0).size());
    };
  }

  private static String mib(long bytes) {
    return bytes % 1048576 == 0 ? bytes / 1048576 + " MiB" : kib(bytes);
  }

  private static String kib(long bytes) {
    return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
  }

  static String num(double v, int decimals) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String percent(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  static String aligned(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        String cell = r.get(i);
        // Names left, figures right, as a person reads a table.
        boolean names = rows.get(0).get(i).equals("workload") || rows.get(0).get(i).equals("client");
        b.append(pad(cell, width[i], !names));
        b.append(i < cols - 1 ? "  " : "");
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String markdownTable(List<List<String>> rows) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      b.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        b.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
      }
    }
    return b.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }
}

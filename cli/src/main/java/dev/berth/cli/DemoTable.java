package dev.berth.cli;

import dev.berth.cli.demo.DemoRow;
import java.util.ArrayList;
import java.util.List;

/** Renders the demo's results as an aligned text table. */
public final class DemoTable {
  private static final String[] HEADERS = {"KIND", "REFERENCE", "DIGEST", "SIZE", "TIME"};

  private DemoTable() {}

  /** The table, one line per row plus a header line, each ending in a line break. */
  public static String render(List<DemoRow> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADERS);
    for (DemoRow r : rows) {
      cells.add(new String[] {r.kind(), r.reference(), r.digest().toString(), Units.bytes(r.size()),
          Units.millis(r.nanos())});
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean last = i == row.length - 1;
        boolean numeric = i >= 3; // size and time read better right-aligned
        String cell = numeric ? " ".repeat(widths[i] - row[i].length()) + row[i] : row[i];
        line.append(cell);
        if (!last) {
          line.append(numeric ? "  " : " ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}

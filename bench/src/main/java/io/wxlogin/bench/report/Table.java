package io.wxlogin.bench.report;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells printed as an aligned plain-text table, or as a Markdown table. */
public final class Table {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public void row(String... cells) {
    rows.add(List.of(cells));
  }

  public String plain() {
    int[] width = new int[header.size()];
    for (List<String> r : allRows()) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> r : allRows()) {
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        out.append(cell).append(" ".repeat(width[i] - cell.codePointCount(0, cell.length()) + 2));
      }
      out.setLength(out.length() - 2);
      out.append('\n');
      if (r == header) {
        for (int w : width) {
          out.append("-".repeat(w)).append("  ");
        }
        out.setLength(out.length() - 2);
        out.append('\n');
      }
    }
    return out.toString();
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append("---|".repeat(header.size())).append('\n');
    for (List<String> r : rows) {
      out.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return out.toString();
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }
}

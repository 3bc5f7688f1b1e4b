package io.wxlogin.login.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with left-aligned columns, what an operator reads in a terminal. */
final class Table {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = Arrays.asList(header);
  }

  Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "-" : Shown.oneLine(String.valueOf(cell)));
    }
    rows.add(row);
    return this;
  }

  /** A row only when its value is known: a detail view without lines of dashes. */
  Table rowIfPresent(String name, Object value) {
    return value == null ? this : row(name, value);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width);
    rows.forEach(row -> line(out, row, width));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(width[i] - cells.get(i).length() + 2));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}

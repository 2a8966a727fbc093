package org.parcelveil.web.pages;

import java.util.List;

/**
 * An uploaded file read as a table: its header cells and its rows, each with the line (CSV) or row number (xlsx) a
 * merchant finds it by in the file. Holds personal data: prints as its size only.
 */
record ImportTable(List<String> header, List<Row> rows) {

  /** One row of cells, by its line in the file. */
  record Row(long line, List<String> cells) {
    @Override
    public String toString() {
      return "Row[line=" + line + ", cells=" + cells.size() + "]";
    }
  }

  @Override
  public String toString() {
    return "ImportTable[columns=" + header.size() + ", rows=" + rows.size() + "]";
  }
}

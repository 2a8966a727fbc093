package org.parcelveil.web.pages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * The first sheet of an Excel workbook (.xlsx) as a table, read with fastexcel-reader (streaming, DTDs and external
 * entities off). An xlsx is a zip: before the workbook is parsed, every part is inflated once and counted, so a small
 * file that inflates to gigabytes (a zip bomb) or holds thousands of parts is refused having cost at most
 * {@link #MAX_INFLATED_BYTES}.
 */
final class XlsxRows {
  static final long MAX_INFLATED_BYTES = 64L << 20;
  static final int MAX_PARTS = 500;
  /** Excel's legacy .xls (OLE2) starts so: refused with its own message, it is not read. */
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

  private XlsxRows() {}

  /** True if the file is a zip, as every xlsx is (it starts with {@code PK\3\4}). */
  static boolean isXlsx(byte[] file) {
    return file.length >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
  }

  static boolean isLegacyXls(byte[] file) {
    return file.length >= 4 && file[0] == OLE2[0] && file[1] == OLE2[1] && file[2] == OLE2[2] && file[3] == OLE2[3];
  }

  /**
   * The first sheet: its first non-empty row is the header; at most {@code maxRows} rows after it are read.
   *
   * @throws ImportProblem.Refused if the file is not a workbook or costs more than the limits
   */
  static ImportTable read(byte[] file, int maxRows) {
    checkInflation(file);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(file));
        Stream<Row> stream = wb.getSheets().findFirst().orElseThrow(XlsxRows::notWorkbook).openStream()) {
      List<String> header = null;
      List<ImportTable.Row> rows = new ArrayList<>();
      Iterator<Row> it = stream.iterator();
      while (it.hasNext()) {
        Row r = it.next();
        List<String> cells = cells(r);
        if (cells.stream().allMatch(String::isBlank)) {
          continue;
        }
        if (header == null) {
          header = cells;
        } else if (rows.size() >= maxRows) {
          throw new ImportProblem.Refused(ImportProblem.of("import.too_many"));
        } else {
          rows.add(new ImportTable.Row(r.getRowNum(), cells));
        }
      }
      return new ImportTable(header == null ? List.of() : header, rows);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImportProblem.Refused refused) {
        throw refused;
      }
      // The reader's messages may quote cells: say only that the workbook could not be read.
      throw notWorkbook();
    }
  }

  /** A row's cells by column, gaps as empty text; a number's text as stored (13912345678, not 1.39E10). */
  private static List<String> cells(Row r) {
    List<String> cells = new ArrayList<>(Collections.nCopies(r.getCellCount(), ""));
    for (Cell c : r) {
      if (c != null) {
        String text = c.getText();
        cells.set(c.getColumnIndex(), text == null ? "" : text);
      }
    }
    return cells;
  }

  /** Inflates every part once, counting: refuses the file before any of it is parsed if it costs too much. */
  private static void checkInflation(byte[] file) {
    long total = 0;
    int parts = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(file)).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        if (++parts > MAX_PARTS) {
          throw new ImportProblem.Refused(ImportProblem.of("import.too_large"));
        }
        CellReferences refs = entry.getName().startsWith("xl/worksheets/") ? new CellReferences() : null;
        try (InputStream in = zip.getInputStream(entry)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > MAX_INFLATED_BYTES) {
              throw new ImportProblem.Refused(ImportProblem.of("import.too_large"));
            }
            if (refs != null && refs.tooWide(buffer, n)) {
              throw new ImportProblem.Refused(ImportProblem.of("import.too_large"));
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImportProblem.Refused refused) {
        throw refused;
      }
      throw notWorkbook();
    }
  }

  /**
   * Watches a sheet's XML for a cell reference (an attribute value or a range's second half: {@code r="XFD1"},
   * {@code ref="A1:XFD9"}) beyond column ZZ. The reader makes every row as wide as the widest column it has seen, so
   * one such cell in a 1 KB file would cost each of thousands of rows millions of empty cells.
   */
  static final class CellReferences {
    private byte previous;
    private int letters = -1;

    boolean tooWide(byte[] bytes, int length) {
      for (int i = 0; i < length; i++) {
        byte b = bytes[i];
        if (b >= 'A' && b <= 'Z') {
          if (letters >= 0) {
            letters++;
          } else if (previous == '"' || previous == ':') {
            letters = 1;
          }
        } else {
          if (letters >= 3 && b >= '0' && b <= '9') {
            return true;
          }
          letters = -1;
        }
        previous = b;
      }
      return false;
    }
  }

  private static ImportProblem.Refused notWorkbook() {
    return new ImportProblem.Refused(ImportProblem.of("import.not_xlsx"));
  }
}

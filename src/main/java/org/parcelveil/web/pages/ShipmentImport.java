package org.parcelveil.web.pages;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.parcelveil.identity.Principal;
import org.parcelveil.shipment.ShipmentRoutes;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;

/**
 * Imports a file of shipments as one batch: CSV in UTF-8 (with or without a byte order mark) or GB18030/GBK
 * ({@link ImportText}), or the first sheet of an xlsx workbook ({@link XlsxRows}); headers in English or Chinese
 * ({@link ImportColumns}). A file that cannot be read whole is refused whole, before anything is created; after that
 * a bad row fails only itself and is reported by its line and field, never by its values. A row's recipient is
 * plain, or sealed by the marketplace ({@link ShipmentForm#SEALED_FIELDS}), so a shop can ship a platform's export
 * without ever holding the buyer.
 */
public final class ShipmentImport {
  /** The largest file read: 10,000 rows of a generous 1 kB each, and room for an xlsx's overhead. */
  static final long MAX_FILE_BYTES = 16L << 20;
  /** Every column the import reads, in the template's order. */
  static final List<String> COLUMNS =
      java.util.stream.Stream.concat(ShipmentForm.FIELDS.stream(), ShipmentForm.SEALED_FIELDS.stream()).toList();

  private final Shipments shipments;

  ShipmentImport(Shipments shipments) {
    this.shipments = shipments;
  }

  /** One failed row: its line in the file (the header is line 1) and what was wrong. */
  public record RowError(long line, List<FieldError> errors) {}

  /**
   * What an import did: the created waybills and the failed rows, or why the file as a whole was refused (then
   * nothing was created).
   */
  public record Result(List<String> waybills, List<RowError> failures, ImportProblem fileError) {
    static Result refused(ImportProblem problem) {
      return new Result(List.of(), List.of(), problem);
    }

    public int created() {
      return waybills.size();
    }
  }

  Result run(Principal merchant, byte[] file, ImportText.Choice encoding) {
    ImportTable table;
    try {
      table = table(file, encoding);
    } catch (ImportProblem.Refused e) {
      return Result.refused(e.problem);
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < table.header().size(); i++) {
      String field = ImportColumns.field(table.header().get(i)).orElse(null);
      if (field != null && columns.putIfAbsent(field, i) != null) {
        return Result.refused(ImportProblem.of("import.duplicate_column", field));
      }
    }
    if (!hasRequiredColumns(columns)) {
      return Result.refused(ImportProblem.of("import.bad_header"));
    }
    if (table.rows().isEmpty()) {
      return Result.refused(ImportProblem.of("import.empty"));
    }
    List<Object> items = new ArrayList<>();
    for (ImportTable.Row row : table.rows()) {
      ShipmentForm.Parsed parsed = ShipmentForm.parse(f -> {
        Integer at = columns.get(f);
        return at == null || at >= row.cells().size() ? null : row.cells().get(at);
      });
      items.add(parsed.errors().isEmpty() ? parsed.request() : merged(merchant, parsed));
    }
    List<String> created = new ArrayList<>();
    List<RowError> failed = new ArrayList<>();
    for (Shipments.BatchOutcome o : shipments.createBatch(merchant, items)) {
      if (o.error() == null) {
        created.add(o.waybill());
      } else {
        failed.add(new RowError(table.rows().get(o.index()).line(), o.error().errors().isEmpty()
            ? List.of(new FieldError("recipient", o.error().title())) : o.error().errors()));
      }
    }
    return new Result(created, failed, null);
  }

  private static boolean hasRequiredColumns(Map<String, Integer> columns) {
    boolean recipient = columns.keySet().containsAll(List.of("recipient_name", "recipient_phone"))
        || columns.keySet().containsAll(List.of("recipient_sealed", "recipient_platform", "recipient_order_id"))
        || columns.containsKey("recipient_order");
    return recipient && columns.keySet().containsAll(List.of("reference", "weight_grams"));
  }

  /** The file as a table: a workbook, or text that decodes strictly and parses as CSV. */
  static ImportTable table(byte[] file, ImportText.Choice encoding) {
    if (file.length > MAX_FILE_BYTES) {
      throw new ImportProblem.Refused(ImportProblem.of("import.too_large"));
    }
    if (XlsxRows.isXlsx(file)) {
      return XlsxRows.read(file, ShipmentRoutes.MAX_BATCH);
    }
    if (XlsxRows.isLegacyXls(file)) {
      throw new ImportProblem.Refused(ImportProblem.of("import.legacy_xls"));
    }
    ImportText.Decoded text = ImportText.decode(file, encoding);
    if (!text.ok()) {
      ImportText.Undecodable e = text.error();
      throw new ImportProblem.Refused(
          ImportProblem.of("import.undecodable", e.line(), e.column(), e.byteInLine(), e.encoding()));
    }
    return csv(text.text());
  }

  private static ImportTable csv(String text) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
    List<String> header = null;
    List<ImportTable.Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      for (CSVRecord r : parser) {
        if (header == null) {
          header = r.toList();
        } else if (rows.size() >= ShipmentRoutes.MAX_BATCH) {
          throw new ImportProblem.Refused(ImportProblem.of("import.too_many"));
        } else {
          rows.add(new ImportTable.Row(parser.getCurrentLineNumber(), r.toList()));
        }
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      // The parser's message may quote the file; say only that it is not CSV.
      throw new ImportProblem.Refused(ImportProblem.of("import.not_csv"));
    }
    return new ImportTable(header == null ? List.of() : header, rows);
  }

  private ValidationException merged(Principal merchant, ShipmentForm.Parsed parsed) {
    try {
      MerchantPages.NewShipmentCheck.throwWith(merchant, parsed, List.of(), shipments);
      return null;
    } catch (ValidationException e) {
      return e;
    }
  }

  /**
   * The template, UTF-8 with a byte order mark so that Excel on Chinese Windows opens it as UTF-8 (without one it
   * reads the file as GBK and shows garble). A plain row and a row for a marketplace's registered order (its
   * recipient columns empty, the handle given); a sealed row would carry the platform's {@code pvs1.} value, its
   * principal id and its order id instead.
   */
  static byte[] template() {
    String text = "\uFEFF" + String.join(",", COLUMNS) + "\r\n"
        + "ORDER-1001,杭州茶叶店,13800001111,浙江省,杭州市,滨江区,江南大道1号,3楼,"
        + "张三,13912345678,浙江省,杭州市,西湖区,文三路90号,2栋1204室,1200,30,20,10,128.50,CNY,,,,\r\n"
        + "ORDER-1002,杭州茶叶店,13800001111,浙江省,杭州市,滨江区,江南大道1号,3楼,"
        + ",,,,,,,800,,,,,,,,,pvo_Xc2Lq0rT9yFvW1mB3nK8aQ\r\n";
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}

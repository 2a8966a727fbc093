package org.parcelveil.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.parcelveil.identity.Principal;
import org.parcelveil.shipment.ShipmentRoutes;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;

/**
 * Imports a CSV of shipments (header row with {@link #COLUMNS}) as one batch: a bad row fails only itself and is
 * reported by its line and field, never by its values. A row's recipient is plain, or sealed by the marketplace
 * ({@link ShipmentForm#SEALED_FIELDS}), so a shop can ship a platform's export without ever holding the buyer.
 */
public final class CsvImport {
  private final Shipments shipments;

  /** Every column the import reads, in the template's order. */
  static final List<String> COLUMNS =
      java.util.stream.Stream.concat(ShipmentForm.FIELDS.stream(), ShipmentForm.SEALED_FIELDS.stream()).toList();

  CsvImport(Shipments shipments) {
    this.shipments = shipments;
  }

  /** One failed row: its line in the file (the header is line 1) and what was wrong. */
  public record RowError(long line, List<FieldError> errors) {}

  /** What an import did: the created waybills, the failed rows, or why the file as a whole was refused. */
  public record Result(List<String> waybills, List<RowError> failures, String fileError) {
    public int created() {
      return waybills.size();
    }
  }

  Result run(Principal merchant, InputStream in) {
    Reader reader = new InputStreamReader(skipBom(in), StandardCharsets.UTF_8);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setTrim(true).setAllowMissingColumnNames(false).get();
    List<Object> items = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Set<String> header = new HashSet<>(parser.getHeaderNames());
      boolean recipient = header.containsAll(List.of("recipient_name", "recipient_phone"))
          || header.containsAll(List.of("recipient_sealed", "recipient_platform", "recipient_order_id"))
          || header.contains("recipient_order");
      if (!recipient || !header.containsAll(List.of("reference", "weight_grams"))) {
        return new Result(List.of(), List.of(), "import.bad_header");
      }
      for (CSVRecord r : parser) {
        if (items.size() >= ShipmentRoutes.MAX_BATCH) {
          return new Result(List.of(), List.of(), "import.too_many");
        }
        ShipmentForm.Parsed parsed = ShipmentForm.parse(f -> r.isMapped(f) && r.isSet(f) ? r.get(f) : null);
        items.add(parsed.errors().isEmpty() ? parsed.request() : merged(merchant, parsed));
        lines.add(parser.getCurrentLineNumber());
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // The parser's message may quote the file; say only that it is not CSV.
      return new Result(List.of(), List.of(), "import.not_csv");
    }
    if (items.isEmpty()) {
      return new Result(List.of(), List.of(), "import.empty");
    }
    List<String> created = new ArrayList<>();
    List<RowError> failed = new ArrayList<>();
    for (Shipments.BatchOutcome o : shipments.createBatch(merchant, items)) {
      if (o.error() == null) {
        created.add(o.waybill());
      } else {
        failed.add(new RowError(lines.get(o.index()), o.error().errors().isEmpty()
            ? List.of(new FieldError("recipient", o.error().title())) : o.error().errors()));
      }
    }
    return new Result(created, failed, null);
  }

  private ValidationException merged(Principal merchant, ShipmentForm.Parsed parsed) {
    try {
      MerchantPages.NewShipmentCheck.throwWith(merchant, parsed, shipments);
      return null;
    } catch (ValidationException e) {
      return e;
    }
  }

  /** A spreadsheet's UTF-8 byte order mark would otherwise become part of the first column's name. */
  private static InputStream skipBom(InputStream in) {
    java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
    try {
      byte[] b = new byte[3];
      int n = p.read(b, 0, 3);
      boolean bom = n == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
      if (!bom && n > 0) {
        p.unread(b, 0, n);
      }
      return p;
    } catch (IOException e) {
      return p;
    }
  }

  /**
   * A plain row and a row for a marketplace's registered order (its recipient columns empty, the handle given); a
   * sealed row would carry the platform's {@code pvs1.} value, its principal id and its order id instead.
   */
  static String template() {
    return String.join(",", COLUMNS) + "\n"
        + "ORDER-1001,杭州茶叶店,13800001111,浙江省,杭州市,滨江区,江南大道1号,3楼,"
        + "张三,13912345678,浙江省,杭州市,西湖区,文三路90号,2栋1204室,1200,30,20,10,128.50,CNY,,,,\n"
        + "ORDER-1002,杭州茶叶店,13800001111,浙江省,杭州市,滨江区,江南大道1号,3楼,"
        + ",,,,,,,800,,,,,,,,,pvo_Xc2Lq0rT9yFvW1mB3nK8aQ\n";
  }
}

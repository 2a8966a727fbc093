package org.parcelveil.web.pages;

import io.javalin.http.Context;
import java.util.List;
import org.parcelveil.shipment.BulkScan;
import org.parcelveil.shipment.BulkScans;
import org.parcelveil.shipment.ScanNumber;
import org.parcelveil.shipment.ScanOutcome;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.Gate;

/**
 * The station screen's bulk box: numbers scanned into a text area, one a line, and the count the desk made of the
 * bag. It goes through {@link BulkScans} as the API does; this class only reads the form and words the answer.
 */
public final class BulkScanForm {
  /** The most text the box takes: {@value BulkScan#MAX_PARCELS} numbers with room for spaces and line ends. */
  public static final int MAX_TEXT = BulkScan.MAX_PARCELS * (ScanNumber.MAX_TYPED + 2);

  private BulkScanForm() {}

  /** One parcel's line in the result list: where it stood in the box, the number, and what became of it. */
  public record Row(int line, String waybill, boolean ok, String resultKey, String stateKey) {}

  /**
   * What the box shows after a submit: the rows, or the message key (with its arguments) of a refusal of the whole
   * box, and the text and count to show again so the desk can correct them.
   */
  public record Shown(int status, String errorKey, List<Object> args, List<Row> results, long recorded, String text,
      String count) {
    static final Shown EMPTY = new Shown(200, null, List.of(), List.of(), 0, "", "");

    static Shown refused(int status, String key, String text, String count, Object... args) {
      return new Shown(status, key, List.of(args), List.of(), 0, text, count);
    }
  }

  static Shown submit(Context ctx, Gate.Visit v, BulkScans scans, String type) {
    String text = ctx.formParam("waybills");
    String count = ctx.formParam("count");
    count = count == null ? "" : count.trim();
    if (text == null || text.isBlank()) {
      return Shown.refused(400, "station.scan_empty", "", count);
    }
    if (text.length() > MAX_TEXT) {
      // Not shown again: a pasted page would come back whole.
      return Shown.refused(400, "station.bulk_too_many", "", count, BulkScan.MAX_PARCELS);
    }
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    Integer counted = number(count);
    if (counted == null) {
      return Shown.refused(400, "station.bulk_count_needed", text, "");
    }
    try {
      List<ScanOutcome> outcomes = scans.record(v.principal(), new BulkScan(type, lines, counted, null));
      List<Row> rows = outcomes.stream().map(o -> new Row(o.index() + 1, ScanNumber.quoted(o.waybill()), o.ok(),
          "station.bulk_" + o.result().name(), o.state() == null ? null : "state." + o.state().name())).toList();
      return new Shown(200, null, List.of(), rows, outcomes.stream().filter(ScanOutcome::ok).count(), "", "");
    } catch (ValidationException e) {
      return refusal(e.errors().get(0), text, count, counted, lines.size());
    }
  }

  private static Shown refusal(FieldError first, String text, String count, int counted, int lines) {
    if (first.field().equals("count")) {
      return Shown.refused(400, "station.bulk_count_mismatch", text, count, counted, lines);
    }
    if (first.field().startsWith("waybills[")) {
      int line = Integer.parseInt(first.field().substring(9, first.field().length() - 1)) + 1;
      return Shown.refused(400, "station.bulk_line_bad", text, count, line);
    }
    return Shown.refused(400, "station.bulk_too_many", "", count, BulkScan.MAX_PARCELS);
  }

  private static Integer number(String count) {
    if (count.isEmpty() || count.length() > 4 || !count.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.valueOf(count);
  }
}

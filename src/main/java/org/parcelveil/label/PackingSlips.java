package org.parcelveil.label;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.CancelledShipment;
import org.parcelveil.shipment.NoSuchShipment;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.validation.Check;

/**
 * Packing slips for the packing desk: the order reference and the items of one of the merchant's own shipments, as a
 * PDF. The items pass through and are gone: they are checked and drawn, never stored, logged or counted, so the
 * carrier never holds a record of what a buyer bought. Shared by the API ({@link LabelRoutes}) and the console.
 */
public final class PackingSlips {
  public static final int MAX_ITEMS = 100;
  public static final int MAX_NAME = 80;
  public static final int MAX_SKU = 40;
  public static final int MAX_QUANTITY = 9999;
  /** The field error messages, also the keys by which the console says them in the page's language. */
  public static final String ITEMS_COUNT = "must list 1 to " + MAX_ITEMS + " items";
  public static final String NAME_LENGTH = "must have 1 to " + MAX_NAME + " characters";
  public static final String SKU_LENGTH = "must have at most " + MAX_SKU + " characters";
  public static final String QUANTITY_RANGE = "must be a whole number from 1 to " + MAX_QUANTITY;
  public static final String UNPRINTABLE = "has characters the label font cannot print";

  private final LabelService labels;

  public PackingSlips(LabelService labels) {
    this.labels = labels;
  }

  /** One item as asked for, before checking: any part may be missing. */
  public record Line(@Nullable String name, @Nullable Integer quantity, @Nullable String sku) {
    @Override
    public String toString() {
      return "Line[quantity=" + quantity + ", text=[REDACTED]]";
    }
  }

  /**
   * The slip of {@code waybill} with {@code lines}, as PDF. Only the shipment's own merchant gets one: for anyone
   * else the number is unknown, exactly as a made-up one.
   *
   * @throws org.parcelveil.http.ApiException 404 for a number that is not {@code p}'s, 409 for a cancelled shipment
   * @throws org.parcelveil.validation.ValidationException naming every bad item field at once, never its text
   */
  public byte[] pdf(Principal p, String waybill, @Nullable List<Line> lines) {
    Shipment s = labels.visible(p, waybill, "packing-slip")
        .filter(x -> p.role() == Role.MERCHANT && x.merchantId().equals(p.id()))
        .orElseThrow(NoSuchShipment::problem);
    if (CancelledShipment.is(s)) {
      throw CancelledShipment.problem();
    }
    List<PackingItem> items = items(lines);
    PackingSlip slip = new PackingSlip(s.waybill(), s.reference(), LocalDate.ofInstant(s.createdAt(), ZoneOffset.UTC),
        s.payment(), items);
    return labels.labels().pdf(slip);
  }

  private List<PackingItem> items(@Nullable List<Line> lines) {
    Check check = new Check();
    if (lines == null || lines.isEmpty() || lines.size() > MAX_ITEMS) {
      check.fail("items", ITEMS_COUNT).throwIfInvalid();
    }
    List<PackingItem> items = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String at = "items[" + i + "]";
      if (line == null) {
        check.fail(at + ".name", NAME_LENGTH);
        check.fail(at + ".quantity", QUANTITY_RANGE);
        continue;
      }
      Check one = new Check();
      String name = printable(one, at + ".name", line.name(), 1, MAX_NAME, NAME_LENGTH);
      String sku = line.sku() == null || line.sku().isBlank() ? null
          : printable(one, at + ".sku", line.sku(), 1, MAX_SKU, SKU_LENGTH);
      Integer quantity = line.quantity();
      if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
        one.fail(at + ".quantity", QUANTITY_RANGE);
      }
      one.errors().forEach(e -> check.fail(e.field(), e.message()));
      if (one.ok()) {
        items.add(new PackingItem(name, quantity, sku));
      }
    }
    check.throwIfInvalid();
    return items;
  }

  /** Checked text, or null with the failure recorded; the message is one of ours, never {@link Check}'s wording. */
  private String printable(Check check, String field, @Nullable String value, int min, int max, String tooLong) {
    Check text = new Check();
    String v = text.text(field, value, min, max);
    if (!text.ok()) {
      check.fail(field, text.errors().get(0).message().startsWith("contains") ? UNPRINTABLE : tooLong);
      return null;
    }
    if (!labels.labels().covers(v)) {
      check.fail(field, UNPRINTABLE);
      return null;
    }
    return v;
  }
}

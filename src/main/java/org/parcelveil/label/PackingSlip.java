package org.parcelveil.label;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.Payment;

/**
 * Everything one packing slip prints: the shipment's number, the merchant's order reference, the day it was created,
 * who pays the carriage and the items. No party appears on it: the slip is for the packing desk, not the parcel.
 */
record PackingSlip(String waybill, @Nullable String reference, LocalDate date, Payment payment,
    List<PackingItem> items) {
  PackingSlip {
    items = List.copyOf(items);
  }

  int pieces() {
    return items.stream().mapToInt(PackingItem::quantity).sum();
  }

  @Override
  public String toString() {
    return "PackingSlip[waybill=" + waybill + ", items=" + items.size() + "]";
  }
}

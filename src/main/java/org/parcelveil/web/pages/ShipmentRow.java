package org.parcelveil.web.pages;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.SealedOrder;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.vault.Masked;

/**
 * One shipment as a console list shows it: masked parties only, never plain data. A sealed shipment (one a
 * marketplace sealed the recipient of) also shows the platform's order id and the merchant's buyer pseudonym.
 */
public record ShipmentRow(String waybill, String reference, String state, String sortCode, String destination,
    @Nullable String recipientName, @Nullable String recipientPhone, Instant createdAt, @Nullable String cod,
    @Nullable String platformOrderId, @Nullable String buyer, @Nullable Instant printedAt) {

  static ShipmentRow of(Shipment s, @Nullable Masked recipient) {
    return of(s, recipient, null);
  }

  /** As above, with when its label was first printed (null if never, or not known to the caller). */
  static ShipmentRow of(Shipment s, @Nullable Masked recipient, @Nullable Instant printedAt) {
    SealedOrder order = s.sealedOrder();
    return new ShipmentRow(s.waybill(), s.reference(), s.state().name(), s.sortCode(), s.destination().display(),
        recipient == null ? null : recipient.name(), recipient == null ? null : recipient.phone(), s.createdAt(),
        s.cod() == null ? null : Money.format(s.cod().amountCents(), s.cod().currency()),
        order == null ? null : order.orderId(), order == null ? null : order.buyer(), printedAt);
  }

  /** True if the recipient was sealed by a marketplace: the merchant reaches the buyer by relay only. */
  public boolean sealed() {
    return buyer != null;
  }

  /** The state's message key, e.g. {@code state.OUT_FOR_DELIVERY}. */
  public String stateKey() {
    return "state." + state;
  }

  /** The console's label link: the session signs it, where the API's link would want a token. */
  public String labelUrl() {
    return LabelPages.url(waybill);
  }

  public String created() {
    return PageTimes.shown(createdAt);
  }

  /** The creation time as pages show times ({@link PageTimes}). */
  public String createdShanghai() {
    return PageTimes.shown(createdAt);
  }

  /** When the label was first printed, as pages show times; null if never. */
  public @Nullable String printedShanghai() {
    return printedAt == null ? null : PageTimes.shown(printedAt);
  }

  /** A cancelled shipment's label no longer prints. */
  public boolean cancelled() {
    return "CANCELLED".equals(state);
  }

  /** The merchant's detail page of this shipment (history, reprint, cancel). */
  public String detailUrl() {
    return MerchantShipmentPages.url(waybill);
  }
}

package org.parcelveil.shipment;

import java.util.List;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.Masked;

/** The JSON shapes of shipments in the API. None holds plain personal data. */
final class ShipmentViews {
  private ShipmentViews() {}

  record MaskedPair(Masked sender, Masked recipient) {}

  record CreatedView(String waybill, String status, String sortCode, MaskedPair masked, String labelUrl,
      OrderView platformOrder, String payment) {}

  /** The marketplace order a shipment from a sealed recipient is bound to, and the shop's pseudonym of the buyer. */
  record OrderView(String platform, String orderId, String buyer) {
    static OrderView of(SealedOrder o) {
      return o == null ? null : new OrderView(o.platformId(), o.orderId(), o.buyer());
    }
  }

  record ParcelView(int weightGrams, Integer lengthCm, Integer widthCm, Integer heightCm) {}

  record CodView(long amountCents, String currency) {}

  /** An event as the API shows it: a failed attempt's reason and a delivery's cash confirmation, null otherwise. */
  record EventView(String type, String at, String stationCode, String courierId, String reason,
      Boolean codCollected) {
    static EventView of(ShipmentEvent e) {
      return new EventView(e.type(), e.at().toString(), e.stationCode(), e.courierId(), e.reason(), e.codCollected());
    }
  }

  record DetailView(String waybill, String status, String reference, String sortCode, Area origin, Area destination,
      ParcelView parcel, CodView cod, MaskedPair masked, List<EventView> events, String createdAt,
      String retentionEnds, boolean shredded, String labelUrl, OrderView platformOrder, String payment) {}

  /** A shipment in a merchant's list: what the single view shows of it, without its parcel and events. */
  record ListItem(String waybill, String status, String reference, String sortCode, Area destination,
      MaskedPair masked, String createdAt, String printedAt, String labelUrl) {}

  /** The answer to a cancellation. */
  record CancelledView(String waybill, String status) {}

  record BatchItem(int index, String waybill, Object error) {}

  record BatchView(List<BatchItem> results) {}

  static String labelUrl(String waybill) {
    return "/v1/shipments/" + waybill + "/label?format=pdf";
  }

  static CreatedView created(Shipments.Created c) {
    Shipment s = c.shipment();
    return new CreatedView(s.waybill(), s.state().name(), s.sortCode(), new MaskedPair(c.sender(), c.recipient()),
        labelUrl(s.waybill()), OrderView.of(s.sealedOrder()), s.payment().name());
  }

  static ListItem item(ShipmentRepository.Listed l, Masked sender, Masked recipient) {
    Shipment s = l.shipment();
    return new ListItem(s.waybill(), s.state().name(), s.reference(), s.sortCode(), s.destination(),
        new MaskedPair(sender, recipient), s.createdAt().toString(),
        l.printedAt() == null ? null : l.printedAt().toString(), labelUrl(s.waybill()));
  }

  static DetailView detail(Shipment s, Masked sender, Masked recipient, List<ShipmentEvent> events) {
    Parcel p = s.parcel();
    return new DetailView(s.waybill(), s.state().name(), s.reference(), s.sortCode(), s.origin(), s.destination(),
        new ParcelView(p.weightGrams(), p.lengthCm(), p.widthCm(), p.heightCm()),
        s.cod() == null ? null : new CodView(s.cod().amountCents(), s.cod().currency()),
        new MaskedPair(sender, recipient),
        events.stream().map(EventView::of).toList(),
        s.createdAt().toString(), s.retentionDay().toString(), s.isShredded(), labelUrl(s.waybill()),
        OrderView.of(s.sealedOrder()), s.payment().name());
  }
}

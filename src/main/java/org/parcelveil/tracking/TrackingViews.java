package org.parcelveil.tracking;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.subject.DisclosureHistory;
import org.parcelveil.vault.Masked;

/** The JSON of {@code GET /v1/track/{waybill}}: city-level events; the masked recipient and COD only when verified. */
final class TrackingViews {
  private TrackingViews() {}

  /** {@code place} and {@code placeKind}: the public name of the station or hub and HUB or STATION. */
  record EventView(String type, String at, @Nullable String city, @Nullable String place, @Nullable String placeKind,
      @Nullable String reason) {}

  record CodView(long amountCents, String currency) {}

  record PublicView(String waybill, String status, List<EventView> events, boolean verified) {}

  record VerifiedView(String waybill, String status, List<EventView> events, boolean verified, Masked recipient,
      @Nullable CodView cod, DisclosureHistory.@Nullable History disclosures) {}

  static Object of(Tracked t) {
    List<EventView> events = t.events().stream().map(e -> new EventView(e.type(), e.at().toString(), e.city(),
        e.place(), e.kind(), e.reason()))
        .toList();
    if (!t.verified() || t.recipient() == null) {
      return new PublicView(t.waybill(), t.state().name(), events, false);
    }
    CodView cod = t.cod() == null ? null : new CodView(t.cod().amountCents(), t.cod().currency());
    return new VerifiedView(t.waybill(), t.state().name(), events, true, t.recipient(), cod, t.disclosures());
  }
}

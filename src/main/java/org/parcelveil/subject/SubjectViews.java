package org.parcelveil.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;

/** The request and response bodies of the data-subject endpoints. */
final class SubjectViews {
  private SubjectViews() {}

  record ChallengeRequest(@Nullable String phone) {}

  record SessionRequest(@Nullable String phone, @Nullable String code) {}

  record EraseRequest(@Nullable List<String> waybills) {}

  record Accepted(String status, String detail) {}

  record SessionView(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "SessionView[REDACTED]";
    }
  }

  /** One shipment in the subject's list: masked, with what they may do with it. */
  record ShipmentView(String waybill, List<String> parties, String status, Instant createdAt, Instant updatedAt,
      String origin, String destination, Masked masked, LocalDate retentionEndsOn, boolean erasable) {
    static ShipmentView of(SubjectData.Held h) {
      Shipment s = h.shipment();
      return new ShipmentView(s.waybill(), h.parties().keySet().stream().map(PartyRole::wireName).toList(),
          s.state().name(), s.createdAt(), s.updatedAt(), s.origin().display(), s.destination().display(),
          h.parties().values().iterator().next().masked(), s.retentionDay(), h.erasable());
    }
  }

  record ShipmentList(List<ShipmentView> shipments) {}

  /** The export: the subject's own parties in plain form, with the facts of each shipment. */
  record Export(Instant exportedAt, List<ExportedShipment> shipments) {
    @Override
    public String toString() {
      return "Export[" + shipments.size() + " shipments, REDACTED]";
    }
  }

  record ExportedShipment(String waybill, String status, Instant createdAt, Instant updatedAt,
      LocalDate retentionEndsOn, String origin, String destination, int weightGrams, @Nullable Long codCents,
      @Nullable String codCurrency, List<EventView> events, List<PartyData> parties) {
    static ExportedShipment of(SubjectData.Held h, List<ShipmentEvent> events) {
      Shipment s = h.shipment();
      return new ExportedShipment(s.waybill(), s.state().name(), s.createdAt(), s.updatedAt(), s.retentionDay(),
          s.origin().display(), s.destination().display(), s.parcel().weightGrams(),
          s.cod() == null ? null : s.cod().amountCents(), s.cod() == null ? null : s.cod().currency(),
          events.stream().map(e -> new EventView(e.type(), e.at(), e.stationCode())).toList(),
          h.parties().entrySet().stream().map(e -> PartyData.of(e.getKey(), e.getValue())).toList());
    }
  }

  record EventView(String type, Instant at, @Nullable String stationCode) {}

  record PartyData(String party, String name, String phone, String province, String city, String district,
      @Nullable String street, String detail) {
    /** The one place a subject's plain data becomes a response. */
    static PartyData of(PartyRole role, Person p) {
      var a = p.address();
      return new PartyData(role.wireName(), p.name().reveal(), p.phone().revealForDisplay(), a.area().province(),
          a.area().city(), a.area().district(), a.street() == null ? null : a.street().reveal(), a.detail().reveal());
    }

    @Override
    public String toString() {
      return "PartyData[REDACTED]";
    }
  }

  record EraseResults(List<SubjectData.Erased> results) {}
}

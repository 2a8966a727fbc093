package org.parcelveil.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parcelveil.shipment.EventType;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.vault.BlindIndex;

/** The checks that hold a shipment against the order: its time, where it came from and where it goes, and to whom. */
final class OrderChecks {
  private final BlindIndex blindIndex;
  private final PhoneTries tries;
  private final Duration skew;

  OrderChecks(BlindIndex blindIndex, PhoneTries tries, Duration skew) {
    this.blindIndex = blindIndex;
    this.tries = tries;
    this.skew = skew;
  }

  /** Created and picked up after the order: a parcel that left before anyone ordered it was not sent for it. */
  CheckResult createdAfterOrder(Shipment s, List<ShipmentEvent> events, Order order) {
    Instant earliest = order.createdAt().minus(skew);
    if (s.createdAt().isBefore(earliest)) {
      return CheckResult.fail("created_after_order", "the shipment was created before the order");
    }
    Optional<ShipmentEvent> pickup = firstPickup(events);
    if (pickup.isPresent() && pickup.get().at().isBefore(earliest)) {
      return CheckResult.fail("created_after_order", "the parcel was picked up before the order");
    }
    return CheckResult.pass("created_after_order", pickup.isPresent()
        ? "created and picked up after the order" : "created after the order; not picked up yet");
  }

  CheckResult origin(Shipment s, Order order) {
    return order.origin().matches(s.origin())
        ? CheckResult.pass("origin", "the pickup area matches the order's origin")
        : CheckResult.fail("origin", "the pickup area differs from the order's origin");
  }

  /**
   * The destination check, the evidence it gives a claim (the phone, or the areas alone) and whether the phone went
   * uncompared only because the parcel's budget of phones is spent.
   */
  record Destination(CheckResult check, Evidence evidence, boolean capReached) {
    static Destination areas(CheckResult check) {
      return new Destination(check, Evidence.AREA, false);
    }
  }

  /**
   * The destination area, and the recipient's phone through a keyed comparison when the platform gave one. Every
   * comparison is a guess at the recipient's phone, so it is made only within the parcel's budget of distinct phones
   * ({@link PhoneTries}), and not at all for a number another order holds on the phone's evidence.
   */
  Destination destination(Shipment s, Order order, boolean comparePhone, Instant now) {
    if (!order.destination().matches(s.destination())) {
      return Destination.areas(CheckResult.fail("destination", "the destination area differs from the order's"));
    }
    if (order.recipientPhone() == null) {
      return Destination.areas(
          CheckResult.pass("destination", "the destination area matches; no recipient phone was given"));
    }
    if (!comparePhone) {
      return Destination.areas(CheckResult.skip("destination", "the destination area matches; the recipient was "
          + "not compared because another order holds this number"));
    }
    if (s.recipient().phoneIndex() == null) {
      // Shredded at the end of retention or erased at the data subject's request: nothing is left to compare with.
      return Destination.areas(CheckResult.skip("destination", "the destination area matches; the recipient's "
          + "details have been deleted, so the phone cannot be compared"));
    }
    List<String> bound = blindIndex.allBoundTo(s.waybill(), order.recipientPhone());
    if (tries.admit(s.waybill(), bound, now) == PhoneTries.Admission.CAP_REACHED) {
      return new Destination(CheckResult.skip("destination", "the destination area matches; the recipient was not "
          + "compared because the most phones this parcel may be compared with have been tried"), Evidence.AREA, true);
    }
    byte[] stored = s.recipient().phoneIndex().getBytes(StandardCharsets.US_ASCII);
    boolean same = false;
    for (String candidate : blindIndex.allOf(order.recipientPhone())) {
      same |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII), stored);
    }
    return same
        ? new Destination(CheckResult.pass("destination", "the destination area and the recipient's phone match"),
            Evidence.PHONE, false)
        : Destination.areas(
            CheckResult.fail("destination", "the parcel is addressed to someone other than the order's buyer"));
  }

  static Optional<ShipmentEvent> firstPickup(List<ShipmentEvent> events) {
    // A merchant's drop-off at the origin station is the parcel's first scan as a pick-up is.
    return events.stream().filter(e -> EventType.PICKED_UP.name().equals(e.type())
        || EventType.DROPPED_OFF.name().equals(e.type())).findFirst();
  }
}

package org.parcelveil.shipment;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.identity.Principal;

/**
 * A merchant voids its own shipment before pickup: the shipment moves to {@link ShipmentState#CANCELLED} with a
 * {@link EventType#CANCELLED} event, its retention shortens as for a finished parcel, and the audit log records it.
 * Cancelling twice answers as the first time; once a scan moved the parcel it is a conflict. Anyone but the
 * shipment's merchant is told nothing ({@link NoSuchShipment}).
 */
public final class Cancellation {
  static final String AUDIT_ACTION = "shipment.cancel";

  private final Visibility visibility;
  private final EventRepository events;
  private final Shipments shipments;
  private final AuditLog audit;
  private final Clock clock;

  public Cancellation(Visibility visibility, EventRepository events, Shipments shipments, AuditLog audit,
      Clock clock) {
    this.visibility = visibility;
    this.events = events;
    this.shipments = shipments;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Cancels the merchant's shipment and returns it as it now stands.
   *
   * @throws LifecycleException (409) once a scan moved the parcel
   */
  public Shipment cancel(Principal merchant, String waybill) {
    Shipment s = visibility.require(merchant, waybill, "cancel");
    if (!s.merchantId().equals(merchant.id())) {
      throw NoSuchShipment.problem(); // support and admin see shipments but do not cancel them
    }
    if (s.state() == ShipmentState.CANCELLED) {
      return s;
    }
    if (!EventType.CANCELLED.allowedFrom(s.state())) {
      throw LifecycleException.illegal(EventType.CANCELLED, s.state());
    }
    // Logged first, as every entry in the log: if the log cannot take it, nothing is cancelled (fail closed).
    audit.append(new AuditRecord(AUDIT_ACTION, merchant.id(), merchant.role().wireName(), s.waybill(), null, null,
        null, AuditRecord.Outcome.ALLOWED, null));
    Instant now = clock.instant();
    Shipment.Assignment a = s.assignment();
    Shipment.Assignment ended = new Shipment.Assignment(a.pickupCourierId(), a.deliveryCourierId(), a.assignedAt(),
        now);
    ShipmentEvent event = new ShipmentEvent(s.waybill(), 0, EventType.CANCELLED.name(), null, null, merchant.id(),
        null, now, now);
    if (events.append(s, ShipmentState.CANCELLED, ended, event).isEmpty()) {
      // A scan (or a cancel) moved it between our read and our update.
      ShipmentState current = events.currentState(s.waybill()).orElse(s.state());
      if (current != ShipmentState.CANCELLED) {
        // The entry above said the cancel was allowed; the log must not read as if it happened.
        audit.append(new AuditRecord(AUDIT_ACTION, merchant.id(), merchant.role().wireName(), s.waybill(), null,
            null, null, AuditRecord.Outcome.REFUSED, "overtaken_by_" + current.name().toLowerCase(Locale.ROOT)));
        throw LifecycleException.illegal(EventType.CANCELLED, current);
      }
      return shipments.find(s.waybill()).orElse(s);
    }
    shipments.finished(s, now);
    return shipments.find(s.waybill()).orElse(s);
  }
}

package org.parcelveil.shipment;

import java.util.EnumSet;
import java.util.Set;
import org.parcelveil.identity.Role;

/**
 * The events a shipment goes through, each with the states it may follow, the state it leads to, and who may
 * record it. This table is the state machine; {@link Lifecycle} enforces it.
 */
public enum EventType {
  /** The origin station assigns a courier to pick the parcel up. */
  PICKUP_ASSIGNED(EnumSet.of(ShipmentState.CREATED), null, EnumSet.of(Role.STATION)),
  PICKED_UP(EnumSet.of(ShipmentState.CREATED), ShipmentState.PICKED_UP, EnumSet.of(Role.STATION, Role.COURIER)),
  /** The origin station's first scan of a parcel its merchant brought in: the pick-up without a courier. */
  DROPPED_OFF(EnumSet.of(ShipmentState.CREATED), ShipmentState.DROPPED_OFF, EnumSet.of(Role.STATION)),
  /**
   * From DELIVERY_FAILED only for a misrouted parcel ({@link FailureReason#MISROUTED}), which {@link Lifecycle}
   * checks: the parcel is sent on along its route.
   */
  ARRIVED(EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF, ShipmentState.IN_TRANSIT,
      ShipmentState.DELIVERY_FAILED), ShipmentState.IN_TRANSIT, EnumSet.of(Role.STATION)),
  DEPARTED(EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF, ShipmentState.IN_TRANSIT,
      ShipmentState.DELIVERY_FAILED), ShipmentState.IN_TRANSIT, EnumSet.of(Role.STATION)),
  /**
   * The destination station hands the parcel to one of its couriers: the delivery assignment; from DELIVERY_FAILED
   * the next attempt (e.g. the next day).
   */
  OUT_FOR_DELIVERY(EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF, ShipmentState.IN_TRANSIT,
      ShipmentState.DELIVERY_FAILED),
      ShipmentState.OUT_FOR_DELIVERY, EnumSet.of(Role.STATION)),
  DELIVERED(EnumSet.of(ShipmentState.OUT_FOR_DELIVERY, ShipmentState.AT_PICKUP_POINT), ShipmentState.DELIVERED,
      EnumSet.of(Role.COURIER, Role.STATION)),
  /** A failed attempt, with its {@link FailureReason}; the way back is OUT_FOR_DELIVERY again or RETURNED. */
  DELIVERY_FAILED(EnumSet.of(ShipmentState.OUT_FOR_DELIVERY), ShipmentState.DELIVERY_FAILED,
      EnumSet.of(Role.COURIER, Role.STATION)),
  /** Back to the sender: the destination station, or support under a ticket (a parcel stuck or refused). */
  RETURNED(EnumSet.of(ShipmentState.DELIVERY_FAILED, ShipmentState.IN_TRANSIT,
      ShipmentState.AT_PICKUP_POINT, ShipmentState.ON_HOLD),
      ShipmentState.RETURNED, EnumSet.of(Role.STATION, Role.SUPPORT)),
  /** Support stops delivery under a ticket: the parcel stays where it is until support returns or redirects it. */
  INTERCEPTED(SupportEvents.HOLDABLE, ShipmentState.ON_HOLD, EnumSet.of(Role.SUPPORT)),
  /** Support keeps the parcel at the station that has it, under a ticket, until support returns or redirects it. */
  HELD_AT_STATION(SupportEvents.HOLDABLE, ShipmentState.ON_HOLD, EnumSet.of(Role.SUPPORT)),
  /**
   * Support sends the parcel to another destination station (the event's station), under a ticket; a held parcel
   * moves on again. From then on the route ends there ({@link ParcelRoutes}).
   */
  REDIRECTED(SupportEvents.REDIRECTABLE, ShipmentState.IN_TRANSIT, EnumSet.of(Role.SUPPORT)),
  /**
   * The destination station shelves the parcel or puts it in a locker, or holds a parcel whose delivery failed; the
   * recipient is sent a pickup code (the {@code pickup} feature). Recorded again, it re-shelves: a new code replaces
   * the old one.
   */
  AT_PICKUP_POINT(EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF, ShipmentState.IN_TRANSIT,
      ShipmentState.DELIVERY_FAILED, ShipmentState.AT_PICKUP_POINT),
      ShipmentState.AT_PICKUP_POINT, EnumSet.of(Role.STATION)),
  /**
   * The merchant voids the shipment before any scan moved it ({@link Cancellation}); a pickup assignment alone does
   * not stop it (nothing has been handed over yet).
   */
  CANCELLED(EnumSet.of(ShipmentState.CREATED), ShipmentState.CANCELLED, EnumSet.of(Role.MERCHANT));

  private final Set<ShipmentState> from;
  private final ShipmentState to;
  private final Set<Role> recordedBy;

  EventType(Set<ShipmentState> from, ShipmentState to, Set<Role> recordedBy) {
    this.from = from;
    this.to = to;
    this.recordedBy = recordedBy;
  }

  public boolean allowedFrom(ShipmentState s) {
    return from.contains(s);
  }

  /** The state after this event; the same state for events that only assign. */
  public ShipmentState next(ShipmentState current) {
    return to == null ? current : to;
  }

  public boolean mayBeRecordedBy(Role r) {
    return recordedBy.contains(r);
  }

  /** Events that end the journey: the relay binding closes a while after them. */
  public boolean finishes() {
    return this == DELIVERED || this == RETURNED;
  }
}

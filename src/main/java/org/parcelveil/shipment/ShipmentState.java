package org.parcelveil.shipment;

/** Where a shipment is in its life. */
public enum ShipmentState {
  CREATED,
  PICKED_UP,
  /** The merchant brought the parcel to its origin station, which scanned it in: as {@link #PICKED_UP} from here. */
  DROPPED_OFF,
  IN_TRANSIT,
  OUT_FOR_DELIVERY,
  DELIVERED,
  DELIVERY_FAILED,
  RETURNED,
  /** Voided by its merchant before pickup: its number is void, its label no longer prints. */
  CANCELLED,
  /** On a station's shelf or in its locker, waiting for the recipient's pickup code. */
  AT_PICKUP_POINT,
  /** Stopped by support under a ticket (intercepted, or held at a station) until support returns or redirects it. */
  ON_HOLD
}

package org.parcelveil.shipment;

/** Where a shipment is in its life. */
public enum ShipmentState {
  CREATED,
  PICKED_UP,
  IN_TRANSIT,
  OUT_FOR_DELIVERY,
  DELIVERED,
  DELIVERY_FAILED,
  RETURNED,
  /** Voided by its merchant before pickup: its number is void, its label no longer prints. */
  CANCELLED,
  /** Stopped by support under a ticket (intercepted, or held at a station) until support returns or redirects it. */
  ON_HOLD
}

package org.parcelveil.shipment;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states support's actions may start from, kept apart from {@link EventType}'s table so that its rows stay one
 * line each: a parcel can be stopped while it is in the network (not before pickup, when the merchant cancels, nor
 * after it finished) and sent elsewhere until it is out with a courier (intercept it first).
 */
final class SupportEvents {
  static final Set<ShipmentState> HOLDABLE = EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF,
      ShipmentState.IN_TRANSIT, ShipmentState.OUT_FOR_DELIVERY, ShipmentState.DELIVERY_FAILED,
      ShipmentState.AT_PICKUP_POINT);
  static final Set<ShipmentState> REDIRECTABLE = EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF,
      ShipmentState.IN_TRANSIT, ShipmentState.DELIVERY_FAILED, ShipmentState.AT_PICKUP_POINT, ShipmentState.ON_HOLD);

  private SupportEvents() {}
}

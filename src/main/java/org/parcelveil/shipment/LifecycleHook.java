package org.parcelveil.shipment;

import org.parcelveil.identity.Principal;

/**
 * A rule a feature above this one adds to recording events, without the lifecycle knowing the feature: checked
 * after the lifecycle's own checks and before the event is stored (it refuses by throwing), and told of the stored
 * event. The {@code pickup} feature uses it for pickup codes and delivery PINs.
 */
public interface LifecycleHook {
  /** No extra rules. */
  LifecycleHook NONE = new LifecycleHook() {};

  /** Refuses the event by throwing; the shipment is as it was before the event. */
  default void before(Principal actor, Shipment s, EventType type, EventRequest request) {}

  /** The event is stored; {@code s} is the shipment as it was before it. */
  default void after(Principal actor, Shipment s, ShipmentEvent stored) {}
}

package org.parcelveil.pickup;

import java.util.regex.Pattern;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.EventRequest;
import org.parcelveil.shipment.EventType;
import org.parcelveil.shipment.LifecycleHook;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.shipment.NextStep;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.ShipmentState;
import org.parcelveil.validation.ValidationException;

/**
 * What the pickup feature adds to the lifecycle: shelving a parcel ({@code AT_PICKUP_POINT}) sends the recipient a
 * pickup code, and such a parcel is delivered only through a handover that checked it; sending a parcel whose
 * merchant asked for a delivery PIN out for delivery sends the PIN, and its delivery needs it. A delivered or
 * returned parcel's codes are deleted.
 */
public final class PickupRules implements LifecycleHook {
  static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
  private final Codes codes;

  PickupRules(Codes codes) {
    this.codes = codes;
  }

  @Override
  public void before(Principal actor, Shipment s, EventType type, EventRequest request) {
    if (type != EventType.DELIVERED) {
      return;
    }
    if (s.state() == ShipmentState.AT_PICKUP_POINT) {
      if (actor.role() != Role.STATION) {
        throw LifecycleException.refused(s.state(), "A parcel at a pickup point is handed over by its station.",
            NextStep.HAND_OVER_WITH_CODE);
      }
      if (!codes.used(s.waybill(), CodeKind.PICKUP)) {
        throw LifecycleException.conflict(s.state(), "A parcel at a pickup point is handed over with the recipient's "
            + "pickup code and phone digits: POST /v1/shipments/{waybill}/handover.", NextStep.HAND_OVER_WITH_CODE);
      }
      return;
    }
    if (s.deliveryPin()) {
      String pin = request.pin();
      if (pin == null || pin.isBlank()) {
        throw ValidationException.of("pin", "is required: the delivery PIN the recipient was sent");
      }
      if (!SIX_DIGITS.matcher(pin).matches()) {
        throw ValidationException.of("pin", "must be the 6 digits the recipient was sent");
      }
      codes.check(actor, s, CodeKind.PIN, pin, "");
    }
  }

  @Override
  public void after(Principal actor, Shipment s, ShipmentEvent stored) {
    if (EventType.valueOf(stored.type()).finishes()) {
      codes.forget(s.waybill());
    } else if (stored.type().equals(EventType.AT_PICKUP_POINT.name())) {
      codes.issue(actor, s, CodeKind.PICKUP);
    } else if (stored.type().equals(EventType.OUT_FOR_DELIVERY.name()) && s.deliveryPin()) {
      codes.issue(actor, s, CodeKind.PIN);
    }
  }
}

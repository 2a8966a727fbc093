package org.parcelveil.pickup;

import java.util.Objects;
import java.util.regex.Pattern;
import org.parcelveil.identity.Principal;
import org.parcelveil.network.Network;
import org.parcelveil.shipment.EventRequest;
import org.parcelveil.shipment.EventType;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.shipment.NextStep;
import org.parcelveil.shipment.ParcelRoutes;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.ShipmentState;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.validation.Check;

/**
 * Hands a parcel at a pickup point to its recipient: the station holding it checks the recipient's code and the
 * last four digits of their phone (never seeing the phone), and the delivery is recorded in that staff member's
 * name. Scope comes first, so another station, or a parcel not at a pickup point, spends no try.
 */
public final class Handovers {
  private static final Pattern FOUR_DIGITS = Pattern.compile("[0-9]{4}");
  private final Codes codes;
  private final Visibility visibility;
  private final ParcelRoutes routes;
  private final Lifecycle lifecycle;

  Handovers(Codes codes, Visibility visibility, Network network, Lifecycle lifecycle) {
    this.codes = codes;
    this.visibility = visibility;
    this.routes = new ParcelRoutes(network);
    this.lifecycle = lifecycle;
  }

  /**
   * Checks the code and digits and records {@code DELIVERED}.
   *
   * @throws org.parcelveil.validation.ValidationException if code or digits are not digits of the right length
   * @throws org.parcelveil.http.ApiException 404 if the staff member may not see the parcel
   * @throws LifecycleException 403 from another station, 409 if the parcel is not at a pickup point
   * @throws HandoverRefusedException wrong (without saying which), expired, or out of tries
   */
  public ShipmentEvent handover(Principal staff, String waybill, HandoverRequest request) {
    Check check = new Check();
    if (request.code() == null || !PickupRules.SIX_DIGITS.matcher(request.code()).matches()) {
      check.fail("code", "must be the 6 digits the recipient was sent");
    }
    if (request.phoneLast4() == null || !FOUR_DIGITS.matcher(request.phoneLast4()).matches()) {
      check.fail("phoneLast4", "must be the last 4 digits of the recipient's phone");
    }
    check.throwIfInvalid();
    // The route as it stands: after a redirect the new station holds the parcel, and the old destination (which
    // still sees it) must neither hand it over nor spend, or use up, the recipient's new code.
    Visibility.Seen seen = visibility.requireWithHistory(staff, waybill, "handover");
    Shipment s = seen.shipment();
    String holder = routes.of(s, seen::history).destinationStation();
    if (holder == null || !Objects.equals(staff.stationCode(), holder)) {
      throw LifecycleException.refused(s.state(), "Only the station holding the parcel hands it over.",
          NextStep.HAND_OVER_WITH_CODE);
    }
    if (s.state() != ShipmentState.AT_PICKUP_POINT) {
      throw LifecycleException.conflict(s.state(), "The parcel is not at a pickup point: only a shelved parcel "
          + "is handed over with a code.", NextStep.SHELVE_FIRST);
    }
    codes.check(staff, s, CodeKind.PICKUP, request.code(), request.phoneLast4());
    return lifecycle.record(staff, s, new EventRequest(EventType.DELIVERED.name(), null, null, null, null));
  }
}

package org.parcelveil.shipment;

import java.util.EnumSet;
import java.util.Set;

/**
 * What to do instead of an event that was refused: every refusal of {@link Lifecycle} names one, so that the person
 * at the scanner learns the way forward, not only that this step was wrong. The API says it in English after the
 * refusal; the console shows its own words under {@code next.<key>}.
 */
public enum NextStep {
  DROP_OFF_OR_PICK_UP("If the merchant brought the parcel in, the origin station records DROPPED_OFF; if a courier "
      + "fetched it, the courier (or the origin station) records PICKED_UP."),
  SEND_OUT_FIRST("The destination station sends it out for delivery first (OUT_FOR_DELIVERY)."),
  RETRY_OR_RETURN("Send it out again (OUT_FOR_DELIVERY) or return it (RETURNED)."),
  SENT_ON_ONLY_IF_MISROUTED("After a failed attempt only a parcel failed as MISROUTED is sent on (DEPARTED, ARRIVED); "
      + "otherwise send it out again (OUT_FOR_DELIVERY) or return it (RETURNED)."),
  WITH_COURIER("It is out for delivery: its courier records DELIVERED or DELIVERY_FAILED."),
  ALREADY_HANDED_IN("It has been handed in already: scan it ARRIVED or DEPARTED where it is."),
  RETURN_AFTER_FAILURE("A parcel is returned after a failed attempt, or by support while in transit; a merchant "
      + "cancels one that was never handed in."),
  FINISHED("Its journey has ended: nothing more is recorded on it."),
  TOO_LATE_TO_CANCEL("It has been handed in already: ask support to return it to you."),
  NO_STATION_FOR_SUPPORT("Leave stationCode out: support records events at no station."),
  OWN_STATION_ONLY("Leave stationCode out, or name your own station."),
  ASK_ANOTHER_ROLE("Ask the role that records it: station staff, or the parcel's assigned courier."),
  ORIGIN_STATION("Bring the parcel to its origin station, which records it."),
  ASK_ORIGIN_TO_ASSIGN("The origin station assigns the pick-up (PICKUP_ASSIGNED) or records PICKED_UP itself."),
  ASK_DESTINATION_TO_ASSIGN("Hand it to the destination station, which sends it out with its courier "
      + "(OUT_FOR_DELIVERY)."),
  SEND_TOWARDS_DESTINATION("Send it on towards the destination station (DEPARTED), which records this."),
  SEND_ALONG_ROUTE("Send it on to a station or hub on its route."),
  RETURN_AT_DESTINATION("Send it on to the destination station, or ask support to return it under a ticket."),
  HAND_OVER_WITH_CODE("It waits at a pickup point: the station holding it hands it over with the recipient's pickup "
      + "code (handover), shelves it again, or returns it (RETURNED)."),
  HELD_BY_SUPPORT("Support holds it under a ticket: ask support to return it or send it on (REDIRECTED)."),
  SHELVE_FIRST("The destination station shelves it first (AT_PICKUP_POINT), which sends the recipient a pickup code.");

  private static final Set<ShipmentState> ENDED =
      EnumSet.of(ShipmentState.DELIVERED, ShipmentState.RETURNED, ShipmentState.CANCELLED);
  private static final Set<ShipmentState> HANDED_IN =
      EnumSet.of(ShipmentState.PICKED_UP, ShipmentState.DROPPED_OFF, ShipmentState.IN_TRANSIT);

  private final String english;

  NextStep(String english) {
    this.english = english;
  }

  public String english() {
    return english;
  }

  /** The console's message key. */
  public String key() {
    return "next." + name();
  }

  /** What to do instead of {@code type}, which may not follow {@code state}. */
  static NextStep instead(EventType type, ShipmentState state) {
    if (ENDED.contains(state)) {
      return FINISHED;
    }
    if (type == EventType.CANCELLED) {
      return TOO_LATE_TO_CANCEL;
    }
    if (state == ShipmentState.CREATED) {
      return type == EventType.RETURNED ? RETURN_AFTER_FAILURE
          : type == EventType.DELIVERED || type == EventType.DELIVERY_FAILED ? SEND_OUT_FIRST : DROP_OFF_OR_PICK_UP;
    }
    if (state == ShipmentState.ON_HOLD) {
      return HELD_BY_SUPPORT;
    }
    if (state == ShipmentState.AT_PICKUP_POINT) {
      return HAND_OVER_WITH_CODE;
    }
    if (state == ShipmentState.OUT_FOR_DELIVERY) {
      return WITH_COURIER;
    }
    if (state == ShipmentState.DELIVERY_FAILED) {
      return type == EventType.ARRIVED || type == EventType.DEPARTED ? SENT_ON_ONLY_IF_MISROUTED : RETRY_OR_RETURN;
    }
    if (HANDED_IN.contains(state)) {
      return switch (type) {
        case DELIVERED, DELIVERY_FAILED -> SEND_OUT_FIRST;
        case RETURNED -> RETURN_AFTER_FAILURE;
        default -> ALREADY_HANDED_IN;
      };
    }
    return FINISHED;
  }
}

package org.parcelveil.shipment;

/**
 * {@code POST /v1/shipments/{waybill}/events} as the client sends it. {@code ticket} is the support ticket a return
 * by support answers; it is kept with the event. {@code reason} is required for DELIVERY_FAILED ({@link
 * FailureReason}); {@code codCollected} is required as true for a courier's DELIVERED of a cash-on-delivery parcel.
 * {@code pin} is the recipient's delivery PIN, where the merchant asked for one; it never prints.
 */
public record EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at,
    String ticket, String reason, Boolean codCollected, String pin) {

  /** An event without a ticket, as station and courier screens record it. */
  public EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at) {
    this(type, stationCode, courierId, weightGrams, at, null);
  }

  /** An event with neither a failure reason, a cash confirmation nor a delivery PIN. */
  public EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at,
      String ticket) {
    this(type, stationCode, courierId, weightGrams, at, ticket, null, null, null);
  }

  @Override
  public String toString() {
    return "EventRequest[type=" + type + ", stationCode=" + stationCode + ", courierId=" + courierId
        + ", weightGrams=" + weightGrams + ", at=" + at + ", ticket=" + ticket + ", reason=" + reason
        + ", codCollected=" + codCollected + ", pin=" + (pin == null ? "null" : "[REDACTED]") + "]";
  }
}

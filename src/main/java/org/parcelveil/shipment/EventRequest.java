package org.parcelveil.shipment;

/**
 * {@code POST /v1/shipments/{waybill}/events} as the client sends it. {@code ticket} is the support ticket a return
 * by support answers; it is kept with the event. {@code pin} is the recipient's delivery PIN, where the merchant
 * asked for one; it never prints.
 */
public record EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at,
    String ticket, String pin) {

  /** An event without a delivery PIN. */
  public EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at,
      String ticket) {
    this(type, stationCode, courierId, weightGrams, at, ticket, null);
  }

  /** An event without a ticket, as station and courier screens record it. */
  public EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at) {
    this(type, stationCode, courierId, weightGrams, at, null);
  }

  @Override
  public String toString() {
    return "EventRequest[type=" + type + ", stationCode=" + stationCode + ", courierId=" + courierId
        + ", weightGrams=" + weightGrams + ", at=" + at + ", ticket=" + ticket + ", pin="
        + (pin == null ? "null" : "[REDACTED]") + "]";
  }
}

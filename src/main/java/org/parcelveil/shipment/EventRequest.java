package org.parcelveil.shipment;

/**
 * {@code POST /v1/shipments/{waybill}/events} as the client sends it. {@code ticket} is the support ticket a return
 * by support answers; it is kept with the event.
 */
public record EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at,
    String ticket) {

  /** An event without a ticket, as station and courier screens record it. */
  public EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at) {
    this(type, stationCode, courierId, weightGrams, at, null);
  }
}

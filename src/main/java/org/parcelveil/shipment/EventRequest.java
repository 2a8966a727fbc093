package org.parcelveil.shipment;

/** {@code POST /v1/shipments/{waybill}/events} as the client sends it. */
public record EventRequest(String type, String stationCode, String courierId, Integer weightGrams, String at) {}

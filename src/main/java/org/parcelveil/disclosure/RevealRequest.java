package org.parcelveil.disclosure;

/** {@code POST /v1/shipments/{waybill}/reveal}: which party, for what purpose, under which support ticket. */
public record RevealRequest(String party, String purpose, String ticket) {}

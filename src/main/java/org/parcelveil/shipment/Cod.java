package org.parcelveil.shipment;

/** A cash-on-delivery amount the sender declared: integer minor units and an ISO 4217 currency. */
public record Cod(long amountCents, String currency) {}

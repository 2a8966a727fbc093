package org.parcelveil.relay;

import java.time.Instant;

/** A pool number and extension that reach one party of one shipment, for the courier it was opened for. */
public record RelayBinding(String id, String waybill, String party, String courierId, String number, String extension,
    Instant openedAt) {}

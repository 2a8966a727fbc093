package org.parcelveil.shipment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A scan or status event of a shipment, with the principal that recorded it. */
public record ShipmentEvent(String waybill, int seq, String type, @Nullable String stationCode,
    @Nullable String courierId, String principalId, @Nullable Integer weightGrams, Instant at, Instant recordedAt) {}

package org.parcelveil.shipment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A scan or status event of a shipment, with the principal that recorded it; a failed delivery attempt keeps its
 * {@link FailureReason} (by name), and a courier's delivery of a cash-on-delivery parcel that the cash was collected.
 */
public record ShipmentEvent(String waybill, int seq, String type, @Nullable String stationCode,
    @Nullable String courierId, String principalId, @Nullable Integer weightGrams, Instant at, Instant recordedAt,
    @Nullable String reason, @Nullable Boolean codCollected) {

  /** An event with neither a failure reason nor a cash confirmation. */
  public ShipmentEvent(String waybill, int seq, String type, @Nullable String stationCode,
      @Nullable String courierId, String principalId, @Nullable Integer weightGrams, Instant at, Instant recordedAt) {
    this(waybill, seq, type, stationCode, courierId, principalId, weightGrams, at, recordedAt, null, null);
  }
}

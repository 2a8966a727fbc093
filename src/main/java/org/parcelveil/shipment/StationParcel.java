package org.parcelveil.shipment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.parcelveil.vault.Area;

/**
 * A parcel in a station's lists: at the station now, or expected there. Only what the station's staff already see on
 * the parcel's label and scans: no party, no phone, no street.
 */
public record StationParcel(String waybill, ShipmentState state, Place place, String sortCode, Area destination,
    int weightGrams, @Nullable Instant lastScanAt) {

  /** At the station (its last scan was here and it has not left), or on its way here. */
  public enum Place { AT, EXPECTED }
}

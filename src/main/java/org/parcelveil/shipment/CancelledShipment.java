package org.parcelveil.shipment;

import java.util.List;
import java.util.Map;
import org.parcelveil.http.ApiException;

/**
 * The answer for a cancelled shipment wherever its number is still used (label, scan): a 409 that says the number
 * is void. Only callers who may see the shipment get it; everyone else gets {@link NoSuchShipment}.
 */
public final class CancelledShipment {
  private CancelledShipment() {}

  public static boolean is(Shipment s) {
    return s.state() == ShipmentState.CANCELLED;
  }

  public static ApiException problem() {
    return new ApiException(409, "shipment-cancelled", "Shipment cancelled",
        "This shipment was cancelled by its merchant: its waybill number is void and its label no longer prints.",
        List.of(), Map.of("state", ShipmentState.CANCELLED.name()));
  }
}

package org.parcelveil.shipment;

import org.parcelveil.http.ApiException;

/**
 * The one answer for a shipment the caller may not see and for a number never issued: the same status, body and
 * headers, with nothing of the shipment in it.
 */
public final class NoSuchShipment {
  private NoSuchShipment() {}

  public static ApiException problem() {
    return ApiException.notFound("No such shipment.");
  }
}

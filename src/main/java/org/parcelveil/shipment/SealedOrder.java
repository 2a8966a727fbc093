package org.parcelveil.shipment;

/**
 * The platform order a shipment was created for from a sealed (or registered) recipient, and the merchant's
 * pseudonym of the buyer. The waybill is bound to that order from its creation: verification claims it for that
 * order and no other.
 */
public record SealedOrder(String platformId, String orderId, String buyer) {

  public boolean isFor(String platform, String order) {
    return platformId.equals(platform) && orderId.equals(order);
  }
}

package org.parcelveil.relay;

import java.time.Duration;
import java.time.Instant;
import org.parcelveil.shipment.Shipment;

/**
 * The after-sales relay's rule: the merchant of a sealed shipment may open a relay binding to its buyer from the
 * shipment's creation until {@code afterFinish} past delivery or return, and never later than {@code maxAfterCreation}
 * after creation (a parcel that never finishes). A binding lives at most {@code bindingLife}; a merchant opens at most
 * {@code dailyPerMerchant} bindings a day in all and {@code dailyPerShipment} a day for one shipment.
 */
public record AfterSales(Duration afterFinish, Duration maxAfterCreation, Duration bindingLife, int dailyPerMerchant,
    int dailyPerShipment) {
  /**
   * Taobao's 15 days after delivery for after-sales; 45 days in all covers a slow parcel and its return; a number works
   * for an hour, long enough for a call and a call back.
   */
  public static final AfterSales DEFAULTS = new AfterSales(Duration.ofDays(15), Duration.ofDays(45),
      Duration.ofHours(1), 100, 3);

  public AfterSales {
    if (dailyPerMerchant < 1 || dailyPerShipment < 1) {
      throw new IllegalArgumentException("every after-sales budget must be at least 1");
    }
    if (!positive(bindingLife) || !positive(afterFinish) || !positive(maxAfterCreation)) {
      throw new IllegalArgumentException("after-sales durations must be positive");
    }
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** The moment the after-sales window of this shipment closes. */
  Instant windowEnd(Shipment s) {
    Instant cap = s.createdAt().plus(maxAfterCreation);
    Instant finished = s.assignment().finishedAt();
    if (finished == null) {
      return cap;
    }
    Instant close = finished.plus(afterFinish);
    return close.isBefore(cap) ? close : cap;
  }
}

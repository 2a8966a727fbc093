package org.parcelveil.access;

import java.time.Duration;
import org.parcelveil.identity.Role;

/**
 * The numbers of the disclosure policy: how long after assignment a courier may see the recipient, and how many
 * reveals a principal gets per day in all and per shipment.
 */
public record DisclosureLimits(Duration deliveryWindow, int courierDailyBudget, int courierPerShipmentBudget,
    int supportDailyBudget, int supportPerShipmentBudget) {

  public static final DisclosureLimits DEFAULTS = new DisclosureLimits(Duration.ofHours(12), 300, 5, 20, 2);

  public DisclosureLimits {
    if (deliveryWindow.isNegative() || deliveryWindow.isZero()) {
      throw new IllegalArgumentException("deliveryWindow must be positive, was " + deliveryWindow);
    }
    if (courierDailyBudget < 1 || courierPerShipmentBudget < 1 || supportDailyBudget < 1 || supportPerShipmentBudget < 1) {
      throw new IllegalArgumentException("every budget must be at least 1");
    }
  }

  int dailyBudget(Role role) {
    return role == Role.SUPPORT ? supportDailyBudget : courierDailyBudget;
  }

  int perShipmentBudget(Role role) {
    return role == Role.SUPPORT ? supportPerShipmentBudget : courierPerShipmentBudget;
  }
}

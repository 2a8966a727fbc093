package org.parcelveil.pickup;

import java.time.Duration;

/**
 * How pickup codes and delivery PINs behave: how long a code lives ({@code pickup-code-ttl}, 7 days by default: a
 * station shelf's usual keeping time), how many tries one code gets before every try is refused until a new code is
 * issued, and how many wrong codes one staff member may enter in a day across all parcels.
 */
public record PickupSettings(Duration codeTtl, int triesPerCode, int missesPerStaffPerDay) {
  public static final PickupSettings DEFAULTS = new PickupSettings(Duration.ofDays(7), 5, 20);

  public PickupSettings {
    if (codeTtl == null || codeTtl.compareTo(Duration.ofMinutes(10)) < 0 || codeTtl.compareTo(Duration.ofDays(90)) > 0) {
      throw new IllegalArgumentException("pickup-code-ttl must be between 10 minutes and 90 days, not " + codeTtl);
    }
    if (triesPerCode < 1 || triesPerCode > 20) {
      throw new IllegalArgumentException("tries per code must be between 1 and 20, not " + triesPerCode);
    }
    if (missesPerStaffPerDay < 1) {
      throw new IllegalArgumentException("misses per staff member and day must be at least 1");
    }
  }
}

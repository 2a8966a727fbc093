package org.parcelveil.tracking;

import java.time.Duration;

/**
 * A token-bucket budget: up to {@code capacity} requests at once, refilled evenly so that a full bucket comes back
 * over {@code period} (e.g. 20 per hour is one token every three minutes).
 */
public record Budget(int capacity, Duration period) {

  public Budget {
    if (capacity < 1) {
      throw new IllegalArgumentException("budget capacity must be at least 1, was " + capacity);
    }
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("budget period must be positive, was " + period);
    }
  }

  /** {@code n} per hour. */
  public static Budget perHour(int n) {
    return new Budget(n, Duration.ofHours(1));
  }

  /** {@code n} per minute. */
  public static Budget perMinute(int n) {
    return new Budget(n, Duration.ofMinutes(1));
  }

  @Override
  public String toString() {
    return capacity + " per " + period;
  }
}

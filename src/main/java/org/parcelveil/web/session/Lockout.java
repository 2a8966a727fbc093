package org.parcelveil.web.session;

import java.time.Duration;

/**
 * How long an account stays locked after failed attempts: free retries first, then a delay that doubles with each
 * further failure, up to a cap. Slows guessing to a crawl without locking a person out for good.
 */
public record Lockout(int freeAttempts, Duration firstDelay, Duration maxDelay) {

  public static final Lockout STANDARD = new Lockout(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

  public Lockout {
    if (freeAttempts < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("a lock-out needs at least one free attempt and firstDelay <= maxDelay");
    }
  }

  /** The lock after the {@code failures}-th failure in a row; zero while attempts are still free. */
  public Duration delayAfter(int failures) {
    if (failures < freeAttempts) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - freeAttempts, 20);
    Duration d = firstDelay.multipliedBy(1L << doublings);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}

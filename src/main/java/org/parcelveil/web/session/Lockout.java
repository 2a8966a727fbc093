package org.parcelveil.web.session;

import java.time.Duration;

/**
 * How long an account stays locked after failed attempts: free retries first, then a delay that doubles with each
 * further failure, up to a cap. Slows guessing to a crawl without locking a person out for good.
 */
public record Lockout(int freeAttempts, Duration firstDelay, Duration maxDelay) {

  /** Wrong passwords for one sign-in name from one client: about 100 guesses a day at most. */
  public static final Lockout STANDARD = new Lockout(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

  /**
   * Wrong passwords for one sign-in name from all clients together, per day: far above what one client can reach
   * under {@link #STANDARD}, so one attacker cannot lock a person out; only many clients together slow everyone.
   */
  public static final Lockout PER_NAME = new Lockout(1000, Duration.ofMinutes(1), Duration.ofMinutes(15));

  /**
   * Wrong second-factor codes of one account, never forgiven by time alone: about 15 codes on the first day, then
   * one a day, which keeps a 6-digit code out of reach (see docs/console.md).
   */
  public static final Lockout SECOND_FACTOR = new Lockout(5, Duration.ofMinutes(1), Duration.ofHours(24));

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

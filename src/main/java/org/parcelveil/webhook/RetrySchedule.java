package org.parcelveil.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When a failed webhook call is tried again: {@code first} after the first failure, doubling each time up to
 * {@code cap}, each delay drawn uniformly from its upper half (jitter, so that calls held up by one outage do not
 * all come back in the same second); a call still failing {@code giveUpAfter} its event is abandoned. {@code lease}
 * is how long a node that claimed a call may take to send it before another node may claim it again.
 */
public record RetrySchedule(Duration first, Duration cap, Duration giveUpAfter, Duration lease) {
  /** 10 s, 20 s, 40 s, ... up to 30 min between tries, for three days; a claim lasts 2 min. */
  public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(10), Duration.ofMinutes(30),
      Duration.ofDays(3), Duration.ofMinutes(2));

  public RetrySchedule {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    Objects.requireNonNull(lease, "lease");
    if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= cap, was " + first + " and " + cap);
    }
    if (lease.compareTo(WebhookDelivery.CALL_TIMEOUT.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("the lease must be at least twice the call timeout, was " + lease);
    }
  }

  /** The delay before the next try after {@code failures} failed tries (1 or more). */
  public Duration delayAfter(int failures, RandomGenerator random) {
    // Past 28 doublings any sane first delay is beyond the cap; stopping there keeps the shift from overflowing.
    int doublings = Math.min(Math.max(failures, 1) - 1, 28);
    long ceiling = Math.min(cap.toMillis(), first.toMillis() << doublings);
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}

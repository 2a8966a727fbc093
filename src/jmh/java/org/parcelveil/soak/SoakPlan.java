package org.parcelveil.soak;

import java.time.Duration;

/**
 * How a soak runs: a closed-loop warm-up and measurement of the maximum rate with {@code clients} clients, then
 * {@code soak} at {@code fraction} of that maximum, paced, with the heap read every {@code sampleEvery}.
 */
public record SoakPlan(Duration warmUp, Duration measure, int clients, double fraction, Duration soak,
    Duration sampleEvery, int workers) {

  public SoakPlan {
    if (fraction <= 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
    }
    if (clients < 1 || workers < 1) {
      throw new IllegalArgumentException("clients and workers must be at least 1, were " + clients + ", " + workers);
    }
    if (soak.isNegative() || soak.isZero() || sampleEvery.isNegative() || sampleEvery.isZero()) {
      throw new IllegalArgumentException("soak and sampleEvery must be positive");
    }
  }

  /** The short form for the build (SoakIT): about a minute in all. */
  public static SoakPlan ci() {
    return new SoakPlan(Duration.ofSeconds(4), Duration.ofSeconds(8), 8, 0.5, Duration.ofSeconds(45),
        Duration.ofSeconds(15), 64);
  }

  /** The long form at half the measured maximum, for {@code minutes}. */
  public static SoakPlan minutes(int minutes) {
    return new SoakPlan(Duration.ofSeconds(10), Duration.ofSeconds(30), 8, 0.5, Duration.ofMinutes(minutes),
        Duration.ofMinutes(2), 64);
  }
}

package org.parcelveil.tracking;

import java.time.Clock;

/**
 * Anti-enumeration for anonymous clients: a budget of look-ups and a much smaller budget of misses (unknown
 * numbers, wrong phone digits, forged labels). A client out of misses is refused every look-up until one comes
 * back, so that it cannot go on probing and learn from the hits.
 */
final class Throttle {
  private final RateLimiter lookups;
  private final RateLimiter misses;

  Throttle(TrackingSettings settings, Clock clock) {
    this.lookups = new RateLimiter(settings.lookups(), clock);
    this.misses = new RateLimiter(settings.misses(), clock);
  }

  /** Takes a look-up: 0 when admitted, else the seconds to wait (and nothing is looked up). */
  long admit(String client) {
    long wait = misses.waitSeconds(client);
    return wait > 0 ? wait : lookups.take(client);
  }

  /** Counts a miss; concurrent misses that slipped through are still counted, as debt. */
  void missed(String client) {
    misses.charge(client);
  }
}

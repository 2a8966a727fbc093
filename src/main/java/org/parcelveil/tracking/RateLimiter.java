package org.parcelveil.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;

/**
 * Per-key token buckets in this node's memory (Caffeine). Keys are opaque strings: client keys from
 * {@link ClientKeys} or principal ids, never addresses or personal data.
 *
 * <p>Each node counts on its own, so behind a load balancer that spreads one client over N nodes the client gets at
 * most N times the budget; with client affinity (hashing on the address) it gets the budget once. A bucket left
 * alone for twice its period is dropped: by then it would be full again anyway.
 */
public final class RateLimiter {
  private static final long DEFAULT_MAX_KEYS = 200_000;

  private final Budget budget;
  private final Clock clock;
  private final Cache<String, Bucket> buckets;

  public RateLimiter(Budget budget, Clock clock) {
    this(budget, clock, DEFAULT_MAX_KEYS);
  }

  /** {@code maxKeys} bounds memory: past it the least recently used buckets go (they restart full). */
  public RateLimiter(Budget budget, Clock clock, long maxKeys) {
    this.budget = budget;
    this.clock = clock;
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterAccess(budget.period().multipliedBy(2))
        .build();
  }

  /** Takes one token: 0 when allowed, else the whole seconds to wait before one is available (nothing taken). */
  public long take(String key) {
    return bucket(key).take(clock.millis());
  }

  /** Seconds to wait until {@code key} has a token (0: it has one now); takes nothing. */
  public long waitSeconds(String key) {
    Bucket b = buckets.getIfPresent(key);
    return b == null ? 0 : b.waitSeconds(clock.millis());
  }

  /**
   * Takes one token even if none is left: the bucket may go into debt (down to minus its capacity), so that
   * requests that raced past {@link #waitSeconds} are still paid for.
   */
  public void charge(String key) {
    bucket(key).charge(clock.millis());
  }

  public Budget budget() {
    return budget;
  }

  private Bucket bucket(String key) {
    return buckets.get(key, k -> new Bucket(budget, clock.millis()));
  }

  /**
   * One key's bucket, in exact integer units: a token is {@code periodMillis} units and every millisecond adds
   * {@code capacity} units, so refills never drift by rounding. The few fields are guarded by the bucket itself.
   */
  private static final class Bucket {
    private final long perToken;
    private final long perMilli;
    private final long full;
    private long units;
    private long updated;

    Bucket(Budget budget, long now) {
      this.perToken = budget.period().toMillis();
      this.perMilli = budget.capacity();
      this.full = perToken * budget.capacity();
      this.units = full;
      this.updated = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (units >= perToken) {
        units -= perToken;
        return 0;
      }
      return secondsUntilOne();
    }

    synchronized long waitSeconds(long now) {
      refill(now);
      return units >= perToken ? 0 : secondsUntilOne();
    }

    synchronized void charge(long now) {
      refill(now);
      units = Math.max(-full, units - perToken);
    }

    private void refill(long now) {
      if (now > updated) {
        // Two periods refill even a bucket deep in debt; capping the gap keeps the product far from overflow.
        units = Math.min(full, units + Math.min(now - updated, 2 * perToken) * perMilli);
        updated = now;
      }
    }

    private long secondsUntilOne() {
      long millis = (perToken - units + perMilli - 1) / perMilli;
      return Math.max(1, (millis + 999) / 1000);
    }
  }
}

package org.parcelveil.web.session;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt counted as a failure before it is checked, so that attempts racing each other on several nodes
 * cannot share one free try: a success takes the count back.
 *
 * @param lockedUntil set when a lock was already running: the attempt must not be checked at all
 * @param lockIfFails the lock this attempt has set in advance, which stands if it fails; null while tries are free
 */
record Charge(@Nullable Instant lockedUntil, @Nullable Instant lockIfFails) {

  static Charge locked(Instant until) {
    return new Charge(until, null);
  }

  boolean refused() {
    return lockedUntil != null;
  }

  /** The lock {@code failures} failures in a row earn under {@code policy}, or null while tries are free. */
  static @Nullable Instant lockAfter(Lockout policy, int failures, Instant now) {
    Duration d = policy.delayAfter(failures);
    return d.isZero() ? null : now.plus(d);
  }
}

package org.parcelveil.subject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * A fixed-window request limit per client address, held in memory on each node (so a client spread over n nodes
 * gets at most n times the limit; the per-phone limit is shared through the database).
 */
final class ClientLimiter {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Cache<String, Window> windows;

  private record Window(Instant start, int used) {}

  ClientLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window.multipliedBy(2)).build();
  }

  /** Counts one request; empty if allowed, else the seconds until the client may retry. */
  OptionalLong acquire(String client) {
    Instant now = clock.instant();
    Window[] seen = new Window[1];
    windows.asMap().compute(client, (k, w) -> {
      Window next = w == null || !now.isBefore(w.start().plus(window)) ? new Window(now, 1)
          : new Window(w.start(), w.used() + 1);
      seen[0] = next;
      return next;
    });
    if (seen[0].used() <= limit) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(1, Duration.between(now, seen[0].start().plus(window)).toSeconds()));
  }
}

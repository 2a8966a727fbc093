package org.parcelveil.leaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** Timestamps within a sliding window, with the number of distinct keys among them. */
final class Window {
  private final Duration length;
  private final ArrayDeque<Instant> times = new ArrayDeque<>();
  private final ArrayDeque<String> keys = new ArrayDeque<>();
  private final Map<String, Integer> distinct = new HashMap<>();

  Window(Duration length) {
    this.length = length;
  }

  /** Adds an occurrence and returns the number in the window now. */
  int add(Instant at, String key) {
    trim(at);
    times.addLast(at);
    keys.addLast(key);
    distinct.merge(key, 1, Integer::sum);
    return times.size();
  }

  int size(Instant now) {
    trim(now);
    return times.size();
  }

  int distinct(Instant now) {
    trim(now);
    return distinct.size();
  }

  boolean isEmpty(Instant now) {
    return size(now) == 0;
  }

  private void trim(Instant now) {
    Instant from = now.minus(length);
    while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
      times.removeFirst();
      String k = keys.removeFirst();
      distinct.computeIfPresent(k, (x, n) -> n == 1 ? null : n - 1);
    }
  }
}

package org.parcelveil.observe;

/**
 * Hears of accesses for the leak detectors. Features call it after they decided (and logged) an access; it must
 * return at once and never throw, so it cannot slow or break the request that reports.
 */
@FunctionalInterface
public interface AccessObserver {
  /** An observer that ignores everything (tools and tests that build features without the detectors). */
  AccessObserver NONE = e -> { };

  void record(AccessEvent event);
}

package org.parcelveil.verify;

import java.util.List;

/**
 * The answer to a platform: a match, a mismatch, suspicious, a number we never issued, or a number its merchant
 * cancelled before pickup (void: no parcel travels under it).
 */
public enum Verdict {
  MATCH,
  MISMATCH,
  SUSPICIOUS,
  UNKNOWN_WAYBILL,
  VOID;

  /** MISMATCH on any failure, SUSPICIOUS on warnings only, MATCH otherwise. */
  static Verdict of(List<CheckResult> checks) {
    if (checks.stream().anyMatch(c -> c.outcome() == Outcome.FAIL)) {
      return MISMATCH;
    }
    return checks.stream().anyMatch(c -> c.outcome() == Outcome.WARN) ? SUSPICIOUS : MATCH;
  }
}

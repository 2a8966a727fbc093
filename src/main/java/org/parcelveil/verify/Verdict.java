package org.parcelveil.verify;

import java.util.List;

/** The answer to a platform: a match, a mismatch, suspicious, or a number we never issued. */
public enum Verdict {
  MATCH,
  MISMATCH,
  SUSPICIOUS,
  UNKNOWN_WAYBILL;

  /** MISMATCH on any failure, SUSPICIOUS on warnings only, MATCH otherwise. */
  static Verdict of(List<CheckResult> checks) {
    if (checks.stream().anyMatch(c -> c.outcome() == Outcome.FAIL)) {
      return MISMATCH;
    }
    return checks.stream().anyMatch(c -> c.outcome() == Outcome.WARN) ? SUSPICIOUS : MATCH;
  }
}

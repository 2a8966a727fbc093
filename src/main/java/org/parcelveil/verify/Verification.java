package org.parcelveil.verify;

import java.util.List;

/** The result of verifying one order's waybill: the verdict and every check behind it. */
public record Verification(Verdict verdict, List<CheckResult> checks) {

  public Verification {
    checks = List.copyOf(checks);
  }
}

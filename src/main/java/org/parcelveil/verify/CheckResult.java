package org.parcelveil.verify;

/**
 * One named check with its outcome and a detail for the platform's staff. Details describe, they never quote:
 * no names, phones, addresses or other shipments' facts.
 */
public record CheckResult(String name, Outcome outcome, String detail) {

  static CheckResult pass(String name, String detail) {
    return new CheckResult(name, Outcome.PASS, detail);
  }

  static CheckResult fail(String name, String detail) {
    return new CheckResult(name, Outcome.FAIL, detail);
  }

  static CheckResult warn(String name, String detail) {
    return new CheckResult(name, Outcome.WARN, detail);
  }

  static CheckResult skip(String name, String detail) {
    return new CheckResult(name, Outcome.SKIP, detail);
  }
}

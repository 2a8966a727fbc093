package org.parcelveil.verify;

/** How one check came out. */
public enum Outcome {
  PASS,
  FAIL,
  /** Not proof of fraud, but worth a second look (or a second verification later). */
  WARN,
  /** The check could not run yet or did not apply; it counts neither way. */
  SKIP
}

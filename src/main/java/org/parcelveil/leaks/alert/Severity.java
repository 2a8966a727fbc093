package org.parcelveil.leaks.alert;

import java.util.Locale;

/** How urgent an alert is: a canary touch is critical; behaviour far from the norm is high or medium. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

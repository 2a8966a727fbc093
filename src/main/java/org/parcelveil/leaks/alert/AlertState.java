package org.parcelveil.leaks.alert;

import java.util.Locale;
import java.util.Optional;

/** Where an alert stands: nobody has acted on it, someone looked at it, or its principal was suspended. */
public enum AlertState {
  OPEN,
  ACKNOWLEDGED,
  SUSPENDED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state a wire name ({@code open}, {@code acknowledged}, {@code suspended}) names, if any. */
  public static Optional<AlertState> parse(String s) {
    for (AlertState v : values()) {
      if (v.wireName().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}

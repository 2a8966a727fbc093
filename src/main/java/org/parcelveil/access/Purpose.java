package org.parcelveil.access;

import java.util.Optional;

/** Why plain personal data is asked for. */
public enum Purpose {
  DELIVERY,
  PICKUP,
  SUPPORT;

  public static Optional<Purpose> fromWire(String s) {
    for (Purpose p : values()) {
      if (p.name().equals(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

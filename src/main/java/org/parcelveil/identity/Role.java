package org.parcelveil.identity;

import java.util.Locale;
import java.util.Optional;

/** What a principal is allowed to be: one role each, as in the API contract. */
public enum Role {
  ADMIN,
  MERCHANT,
  STATION,
  COURIER,
  SUPPORT,
  SECURITY,
  PLATFORM;

  /** The lower-case wire name, e.g. {@code courier}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String value) {
    for (Role r : values()) {
      if (r.wireName().equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Station staff and couriers belong to a station. */
  public boolean needsStation() {
    return this == STATION || this == COURIER;
  }
}

package org.parcelveil.vault;

import java.util.Locale;
import java.util.Optional;

/** Which party of a shipment a piece of personal data belongs to. */
public enum PartyRole {
  SENDER,
  RECIPIENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PartyRole> fromWire(String s) {
    for (PartyRole r : values()) {
      if (r.wireName().equals(s)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}

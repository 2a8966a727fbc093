package org.parcelveil.vault;

import java.util.Locale;
import java.util.Optional;

/** Which party of a shipment a piece of personal data belongs to. */
public enum PartyRole {
  SENDER,
  RECIPIENT;

  // Computed once: the vault builds associated data from it for every field it seals or opens.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wireName;
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

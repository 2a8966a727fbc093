package org.parcelveil.web.pages;

import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.ShipmentEvent;

/**
 * The message key of what an event adds to its type in the console's histories: a failed attempt's reason
 * ({@code failure.ABSENT}, ...) or a delivery's confirmed cash on delivery; null when it adds nothing.
 */
public final class EventNote {
  private EventNote() {}

  public static @Nullable String key(ShipmentEvent e) {
    if (e.reason() != null) {
      return "failure." + e.reason();
    }
    return Boolean.TRUE.equals(e.codCollected()) ? "event.cod_collected" : null;
  }
}

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
    return key(e.reason(), e.codCollected());
  }

  public static @Nullable String key(@Nullable String reason, @Nullable Boolean codCollected) {
    if (reason != null) {
      return "failure." + reason;
    }
    return Boolean.TRUE.equals(codCollected) ? "event.cod_collected" : null;
  }
}

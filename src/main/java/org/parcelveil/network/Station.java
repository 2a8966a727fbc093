package org.parcelveil.network;

import java.time.Instant;
import org.parcelveil.vault.Area;

/** A hub (sorting centre) or a delivery station, with the area it sits in and serves. */
public record Station(String code, String name, Kind kind, Area area, Instant createdAt) {

  /** Hubs sort between cities; stations pick up and deliver within their district. */
  public enum Kind { HUB, STATION }
}

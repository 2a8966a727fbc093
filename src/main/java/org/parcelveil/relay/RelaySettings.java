package org.parcelveil.relay;

import java.time.Duration;
import java.util.List;

/**
 * The relay's pool of carrier numbers, and how long a binding lives: until {@code closeAfter} past delivery or
 * return, and never longer than {@code maxOpen} after it opened (a parcel that never finishes).
 */
public record RelaySettings(List<String> poolNumbers, Duration closeAfter, Duration maxOpen) {
  public static final RelaySettings DEFAULTS = new RelaySettings(
      List.of("+8657100000001", "+8657100000002", "+8657100000003", "+8657100000004"),
      Duration.ofHours(72), Duration.ofDays(14));

  public RelaySettings {
    poolNumbers = List.copyOf(poolNumbers);
    if (poolNumbers.isEmpty()) {
      throw new IllegalArgumentException("the relay needs at least one pool number");
    }
  }
}

package org.parcelveil.network;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The way a parcel takes through the network: its origin station, the hubs that sort it, its destination station,
 * and the hubs of its provinces that may take it in if it is missorted. Any point is null where nothing serves.
 */
public record Route(@Nullable String originStation, @Nullable String originHub, @Nullable String destinationHub,
    @Nullable String destinationStation, Set<String> provinceHubs) {

  public Route {
    provinceHubs = Set.copyOf(provinceHubs);
  }

  /** True for the origin and destination stations and the two sorting hubs. */
  public boolean passes(@Nullable String code) {
    return code != null && (code.equals(originStation) || code.equals(originHub) || code.equals(destinationHub)
        || code.equals(destinationStation));
  }

  /**
   * True for a hub of the origin's or destination's province off the route: a line-haul truck may unload a parcel
   * there by mistake, and that hub must scan it in and send it on.
   */
  public boolean mayTakeInMissorted(@Nullable String code) {
    return code != null && !passes(code) && provinceHubs.contains(code);
  }

  public boolean isOrigin(@Nullable String code) {
    return code != null && Objects.equals(code, originStation);
  }

  public boolean isDestination(@Nullable String code) {
    return code != null && Objects.equals(code, destinationStation);
  }
}

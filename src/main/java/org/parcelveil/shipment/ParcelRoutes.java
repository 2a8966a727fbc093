package org.parcelveil.shipment;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.parcelveil.network.Network;
import org.parcelveil.network.Route;
import org.parcelveil.network.Station;

/**
 * A parcel's route as it stands: from its origin to its recipient's district, unless support redirected it, in which
 * case it ends at the station of the latest {@link EventType#REDIRECTED} event, through that station's hub. The old
 * destination station and hub are then off the route: they no longer send the parcel out or deliver it, and see it
 * only if they scanned it (a station named in a parcel's events keeps seeing it, see {@link Visibility}).
 */
public final class ParcelRoutes {
  private final Network network;

  public ParcelRoutes(Network network) {
    this.network = network;
  }

  /** The route of {@code s}; {@code history} is read only when the parcel was redirected at some point. */
  public Route of(Shipment s, Supplier<List<ShipmentEvent>> history) {
    Route planned = network.route(s.origin(), s.destination());
    if (!mayHaveBeenRedirected(s)) {
      return planned;
    }
    Optional<Station> to = redirectedTo(history.get()).flatMap(network::find);
    if (to.isEmpty()) {
      return planned;
    }
    Set<String> hubs = new HashSet<>(planned.provinceHubs());
    network.all().stream().filter(h -> h.kind() == Station.Kind.HUB
        && h.area().province().equals(to.get().area().province())).forEach(h -> hubs.add(h.code()));
    String hub = network.hubFor(to.get().area()).map(Station::code).orElse(null);
    return new Route(planned.originStation(), planned.originHub(), hub, to.get().code(), hubs);
  }

  /** The station of the latest redirect in {@code history}, if any. */
  public static Optional<String> redirectedTo(List<ShipmentEvent> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (EventType.REDIRECTED.name().equals(history.get(i).type())) {
        return Optional.ofNullable(history.get(i).stationCode());
      }
    }
    return Optional.empty();
  }

  /**
   * A parcel not yet picked up (or cancelled) carries no redirect: its scans skip the history read. Every later
   * scan pays one indexed read of the parcel's own events (one shard on Citus) to learn whether it was redirected.
   */
  private static boolean mayHaveBeenRedirected(Shipment s) {
    return s.state() != ShipmentState.CREATED && s.state() != ShipmentState.CANCELLED;
  }
}

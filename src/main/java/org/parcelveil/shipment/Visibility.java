package org.parcelveil.shipment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.parcelveil.identity.Principal;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.network.Network;
import org.parcelveil.network.Route;

/**
 * Who may see a shipment at all: its merchant; the stations and hubs on its route, the hubs of its provinces (which
 * may take it in when missorted) and any station that scanned it; the couriers assigned to it or named in its events;
 * support and admin. Every shipment endpoint asks here first, and answers everyone else exactly as for a number never
 * issued ({@link NoSuchShipment}), so a real number is no existence or state oracle. Only a principal that may see
 * the shipment learns why a request on it is refused.
 */
public final class Visibility {
  private final Network network;
  private final EventRepository events;
  private final Shipments shipments;
  private final AccessObserver observer;
  private final Clock clock;
  private final ParcelRoutes routes;

  public Visibility(Network network, EventRepository events, Shipments shipments, AccessObserver observer,
      Clock clock) {
    this.network = network;
    this.events = events;
    this.shipments = shipments;
    this.observer = observer;
    this.clock = clock;
    this.routes = new ParcelRoutes(network);
  }

  /**
   * The shipment, if the number is ours, it exists and {@code p} may see it; empty alike otherwise. A hidden one is
   * reported to the leak detectors as a denied {@code action}.
   */
  public Optional<Shipment> find(Principal p, String waybill, String action) {
    Optional<Shipment> found = shipments.find(waybill);
    if (found.isPresent() && !canSee(p, found.get())) {
      denied(p, found.get(), action);
      return Optional.empty();
    }
    return found;
  }

  /** As {@link #find}, answering 404 exactly as for a number never issued when there is nothing {@code p} may see. */
  public Shipment require(Principal p, String waybill, String action) {
    return find(p, waybill, action).orElseThrow(NoSuchShipment::problem);
  }

  /** A shipment its caller may see, with the history read to decide it. */
  public record Seen(Shipment shipment, List<ShipmentEvent> history) {}

  /** As {@link #require}, keeping the history it read (views show it). */
  public Seen requireWithHistory(Principal p, String waybill, String action) {
    Shipment s = shipments.find(waybill).orElseThrow(NoSuchShipment::problem);
    List<ShipmentEvent> history = events.of(s.waybill());
    if (!canSee(p, s, history)) {
      denied(p, s, action);
      throw NoSuchShipment.problem();
    }
    return new Seen(s, history);
  }

  private void denied(Principal p, Shipment s, String action) {
    observer.record(AccessEvent.of(AccessEvent.Kind.DENIED, p, s.waybill(), action, clock.instant()));
  }

  public boolean canSee(Principal p, Shipment s) {
    return canSee(p, s, () -> events.of(s.waybill()));
  }

  /** As {@link #canSee(Principal, Shipment)}, for a caller that has read the history already. */
  public boolean canSee(Principal p, Shipment s, List<ShipmentEvent> history) {
    return canSee(p, s, () -> history);
  }

  private boolean canSee(Principal p, Shipment s, Supplier<List<ShipmentEvent>> history) {
    return switch (p.role()) {
      case ADMIN, SUPPORT -> true;
      case MERCHANT -> s.merchantId().equals(p.id());
      case STATION -> onRoute(p.stationCode(), s, history)
          || history.get().stream().anyMatch(e -> p.stationCode().equals(e.stationCode()));
      case COURIER -> p.id().equals(s.assignment().pickupCourierId())
          || p.id().equals(s.assignment().deliveryCourierId())
          || history.get().stream().anyMatch(e -> p.id().equals(e.courierId()) || p.id().equals(e.principalId()));
      case SECURITY, PLATFORM -> false;
    };
  }

  private boolean onRoute(String stationCode, Shipment s, Supplier<List<ShipmentEvent>> history) {
    Route route = routes.of(s, history);
    return route.passes(stationCode) || route.mayTakeInMissorted(stationCode);
  }
}

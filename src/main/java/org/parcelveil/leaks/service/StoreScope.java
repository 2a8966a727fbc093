package org.parcelveil.leaks.service;

import java.util.List;
import org.parcelveil.leaks.detect.ScopeResolver;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;

/**
 * Answers "was this shipment ever in this principal's scope" from the store: a courier that was ever assigned to it
 * or recorded an event on it, station staff of a station it passed or is served by, its merchant. Asked only for
 * refusals, off the request path.
 */
final class StoreScope implements ScopeResolver {
  private final Shipments shipments;
  private final EventRepository events;
  private final Network network;

  StoreScope(Shipments shipments, EventRepository events, Network network) {
    this.shipments = shipments;
    this.events = events;
    this.network = network;
  }

  @Override
  public boolean everInScope(String principalId, String role, String stationCode, String waybill) {
    Shipment s = shipments.find(waybill).orElse(null);
    if (s == null) {
      return false;
    }
    List<ShipmentEvent> history = events.of(waybill);
    return switch (role == null ? "" : role) {
      case "courier" -> principalId.equals(s.assignment().pickupCourierId())
          || principalId.equals(s.assignment().deliveryCourierId())
          || history.stream().anyMatch(e -> principalId.equals(e.courierId()) || principalId.equals(e.principalId()));
      case "station" -> stationCode != null && (serves(stationCode, s)
          || history.stream().anyMatch(e -> stationCode.equals(e.stationCode())));
      case "merchant" -> principalId.equals(s.merchantId());
      default -> true; // support and admin have no per-shipment scope: their refusals count as bursts only
    };
  }

  private boolean serves(String stationCode, Shipment s) {
    return network.stationServing(s.origin()).map(Station::code).filter(stationCode::equals).isPresent()
        || network.stationServing(s.destination()).map(Station::code).filter(stationCode::equals).isPresent();
  }
}

package org.parcelveil.shipment;

import java.util.List;
import org.parcelveil.access.Principal;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;

/**
 * Who may see a shipment's masked view: its merchant; stations and couriers on its way; support and admin.
 * Everyone else gets the same 404 as for an unknown number, so visibility is no existence oracle.
 */
public final class Visibility {
  private final Network network;

  public Visibility(Network network) {
    this.network = network;
  }

  public boolean canSee(Principal p, Shipment s, List<ShipmentEvent> events) {
    return switch (p.role()) {
      case ADMIN, SUPPORT -> true;
      case MERCHANT -> s.merchantId().equals(p.id());
      case STATION -> servedBy(p.stationCode(), s) || events.stream().anyMatch(e -> p.stationCode().equals(e.stationCode()));
      case COURIER -> p.id().equals(s.assignment().pickupCourierId())
          || p.id().equals(s.assignment().deliveryCourierId())
          || events.stream().anyMatch(e -> p.id().equals(e.courierId()));
      case SECURITY, PLATFORM -> false;
    };
  }

  private boolean servedBy(String stationCode, Shipment s) {
    return network.stationServing(s.origin()).map(Station::code).filter(stationCode::equals).isPresent()
        || network.stationServing(s.destination()).map(Station::code).filter(stationCode::equals).isPresent();
  }
}

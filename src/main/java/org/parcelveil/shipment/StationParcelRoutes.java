package org.parcelveil.shipment;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Paging;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Area;

/**
 * {@code GET /v1/stations/{code}/parcels}: a station's or hub's parcels, at it and on their way to it, for its own
 * staff only. Another station's staff get the same 403 for a code that exists and one that does not, so the list is
 * no oracle of the network either.
 */
public final class StationParcelRoutes implements Routes {
  private final StationParcels parcels;
  private final Network network;

  public StationParcelRoutes(StationParcels parcels, Network network) {
    this.parcels = parcels;
    this.network = network;
  }

  record ItemView(String waybill, String state, String place, String sortCode, Area destination, int weightGrams,
      String lastScanAt) {
    static ItemView of(StationParcel p) {
      return new ItemView(p.waybill(), p.state().name(), p.place().name(), p.sortCode(), p.destination(),
          p.weightGrams(), p.lastScanAt() == null ? null : p.lastScanAt().toString());
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/v1/stations/{code}/parcels", this::list, Access.roles(Role.STATION));
  }

  private void list(Context ctx) {
    Principal caller = Auth.principal(ctx);
    if (!ctx.pathParam("code").equals(caller.stationCode())) {
      throw ApiException.forbidden("Only a station's own staff see its parcels.");
    }
    Station station = network.find(caller.stationCode())
        .orElseThrow(() -> ApiException.forbidden("Only a station's own staff see its parcels."));
    StationParcel.Place place = place(ctx.queryParam("state"));
    Paging.Request page = Paging.of(ctx, "station-parcels");
    ctx.json(parcels.page(station, place, page).map(ItemView::of));
  }

  private static StationParcel.Place place(String state) {
    if (state == null) {
      return null;
    }
    try {
      return StationParcel.Place.valueOf(state.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("state", "must be AT or EXPECTED");
    }
  }
}

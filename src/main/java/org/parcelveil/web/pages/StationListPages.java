package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.access.Principals;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.HandOvers;
import org.parcelveil.shipment.StationParcel;
import org.parcelveil.shipment.StationParcels;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * The station's lists: parcels at the station and expected there (as {@code GET /v1/stations/{code}/parcels}
 * answers them), and what each of its couriers took out today, the hand-over list. Times in Asia/Shanghai.
 */
public final class StationListPages {
  private final Gate gate;
  private final Network network;
  private final StationParcels parcels;
  private final HandOvers handOvers;
  private final Principals principals;
  private final Views views;
  private final Clock clock;

  StationListPages(Gate gate, Network network, StationParcels parcels, HandOvers handOvers, Principals principals,
      Views views, Clock clock) {
    this.gate = gate;
    this.network = network;
    this.parcels = parcels;
    this.handOvers = handOvers;
    this.principals = principals;
    this.views = views;
    this.clock = clock;
  }

  /** A parcel of a list as the page shows it: its scan time as every page shows it (PageTimes). */
  public record Row(String waybill, String stateKey, String destination, String sortCode, String lastScan) {
    static Row of(StationParcel p) {
      return new Row(p.waybill(), "state." + p.state().name(), p.destination().display(), p.sortCode(),
          p.lastScanAt() == null ? "" : PageTimes.shown(p.lastScanAt()));
    }
  }

  /** One courier's hand-over list for today. */
  public record CourierList(String courierName, String courierId, List<HandOverRow> parcels) {}

  /** A parcel handed over: which, where to, when and what became of it. */
  public record HandOverRow(String waybill, String stateKey, String destination, String handedAt) {}

  public void register(RoutesConfig routes) {
    routes.get("/console/station/lists", gate.page(EnumSet.of(Role.STATION), this::lists));
  }

  private void lists(Context ctx, Gate.Visit v) {
    String code = v.principal().stationCode();
    Station station = network.find(code).orElseThrow();
    Page<StationParcel> at = parcels.page(station, StationParcel.Place.AT,
        new Paging.Request("station-parcels", Paging.MAX_LIMIT, null));
    Page<StationParcel> expected = parcels.page(station, StationParcel.Place.EXPECTED,
        new Paging.Request("station-parcels", Paging.MAX_LIMIT, null));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", v.frame());
    params.put("station", code);
    params.put("hub", station.kind() == Station.Kind.HUB);
    params.put("at", at.items().stream().map(Row::of).toList());
    params.put("atMore", at.nextCursor() != null);
    params.put("expected", expected.items().stream().map(Row::of).toList());
    params.put("expectedMore", expected.nextCursor() != null);
    params.put("couriers", handOvers(code));
    views.page(ctx, "station-lists.jte", params);
  }

  /** Today's hand-overs of each active courier of the station, in the order of their names. */
  private List<CourierList> handOvers(String code) {
    Map<String, Principal> couriers = new LinkedHashMap<>();
    principals.all().stream()
        .filter(p -> p.role() == Role.COURIER && !p.isRevoked() && code.equals(p.stationCode()))
        .sorted(java.util.Comparator.comparing(Principal::name)).forEach(p -> couriers.put(p.id(), p));
    LocalDate today = LocalDate.ofInstant(clock.instant(), PageTimes.zone());
    Map<String, List<HandOverRow>> rows = new HashMap<>();
    for (HandOvers.HandOver h : handOvers.since(List.copyOf(couriers.keySet()),
        today.atStartOfDay(PageTimes.zone()).toInstant())) {
      rows.computeIfAbsent(h.courierId(), k -> new java.util.ArrayList<>()).add(new HandOverRow(h.waybill(),
          "state." + h.state().name(), h.destination().display(), PageTimes.shown(h.assignedAt())));
    }
    return couriers.values().stream()
        .map(p -> new CourierList(p.name(), p.id(), rows.getOrDefault(p.id(), List.of()))).toList();
  }
}

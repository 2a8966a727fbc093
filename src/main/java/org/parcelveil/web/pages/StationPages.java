package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parcelveil.access.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.access.Role;
import org.parcelveil.shipment.EventRequest;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * The station's scan screen: type or scan a waybill (a scanner types it and presses enter) to record arrival or
 * departure, or assign one of the station's couriers for pick-up or delivery. The form comes back focused on the
 * waybill field, ready for the next parcel.
 */
public final class StationPages {
  private static final Set<String> TYPES = Set.of("ARRIVED", "DEPARTED", "PICKUP_ASSIGNED", "OUT_FOR_DELIVERY",
      "RETURNED");
  private final Gate gate;
  private final Shipments shipments;
  private final Lifecycle lifecycle;
  private final Principals principals;
  private final CourierWork work;
  private final Views views;

  StationPages(Gate gate, Shipments shipments, Lifecycle lifecycle, Principals principals, CourierWork work,
      Views views) {
    this.gate = gate;
    this.shipments = shipments;
    this.lifecycle = lifecycle;
    this.principals = principals;
    this.work = work;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> station = EnumSet.of(Role.STATION);
    routes.get("/console/station", gate.page(station, (ctx, v) -> render(ctx, v, v.frame(), "ARRIVED", null)));
    routes.post("/console/station/scan", gate.page(station, this::scan));
  }

  private void scan(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String type = ctx.formParam("type");
    String courier = ctx.formParam("courierId");
    if (type == null || !TYPES.contains(type)) {
      type = "ARRIVED";
    }
    String typed = Optional.ofNullable(ctx.formParam("waybill")).orElse("").replace(" ", "").trim();
    Optional<Shipment> s = shipments.find(typed);
    if (s.isEmpty()) {
      // The same answer for unknown, mistyped and forged numbers.
      ctx.status(200);
      render(ctx, v, frame.withErrors(List.of(frame.t("reason.unknown_waybill"))), type, courier);
      return;
    }
    try {
      ShipmentEvent e = lifecycle.record(v.principal(), s.get(), new EventRequest(type, null,
          courier == null || courier.isBlank() ? null : courier, null, null));
      render(ctx, v, frame.withNotice(frame.t("station.recorded", frame.t("event." + e.type()), s.get().waybill())),
          type, courier);
    } catch (LifecycleException e) {
      ctx.status(e.kind() == LifecycleException.Kind.FORBIDDEN ? 403 : 409);
      render(ctx, v, frame.withErrors(List.of(frame.t("event.refused", frame.t("state." + e.state().name())))),
          type, courier);
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, v, frame.withErrors(List.of(frame.t("station.courier_needed"))), type, courier);
    }
  }

  private void render(Context ctx, Gate.Visit v, Frame frame, String type, String courier) {
    String code = v.principal().stationCode();
    List<Principal> couriers = principals.all().stream()
        .filter(p -> p.role() == Role.COURIER && !p.isRevoked() && code.equals(p.stationCode())).toList();
    List<ShipmentRow> recent = work.recentAtStation(code, 20).stream().map(shipments::find).flatMap(Optional::stream)
        .map(s -> ShipmentRow.of(s, shipments.masked(s, PartyRole.RECIPIENT))).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("station", code);
    params.put("couriers", couriers);
    params.put("type", type);
    params.put("courier", courier == null ? "" : courier);
    params.put("recent", recent);
    views.page(ctx, "station.jte", params);
  }
}

package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.label.LabelService;
import org.parcelveil.shipment.CourierWork;
import org.parcelveil.shipment.EventRequest;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.Visibility;
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
      "RETURNED", "DROPPED_OFF");
  private final Gate gate;
  private final Shipments shipments;
  private final Visibility visibility;
  private final Lifecycle lifecycle;
  private final Principals principals;
  private final CourierWork work;
  private final LabelService labels;
  private final Views views;

  StationPages(Gate gate, Shipments shipments, Visibility visibility, Lifecycle lifecycle, Principals principals,
      CourierWork work, LabelService labels, Views views) {
    this.gate = gate;
    this.shipments = shipments;
    this.visibility = visibility;
    this.lifecycle = lifecycle;
    this.principals = principals;
    this.work = work;
    this.labels = labels;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> station = EnumSet.of(Role.STATION);
    routes.get("/console/station", gate.page(station, (ctx, v) -> render(ctx, v, v.frame(), "ARRIVED", null, false)));
    routes.post("/console/station/scan", gate.page(station, this::scan));
    routes.post("/console/station/qr", gate.page(station, this::qr));
  }

  private void scan(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String type = type(ctx);
    String typed = Optional.ofNullable(ctx.formParam("waybill")).orElse("").replace(" ", "").trim();
    Optional<Shipment> s = visibility.find(v.principal(), typed, "event");
    if (s.isEmpty()) {
      // The same answer for unknown, mistyped and forged numbers, and for parcels this station may not see.
      ctx.status(200);
      render(ctx, v, frame.withErrors(List.of(frame.t("reason.unknown_waybill"))), type, ctx.formParam("courierId"),
          false);
      return;
    }
    record(ctx, v, s.get(), type, false);
  }

  /**
   * A label's QR code, scanned or pasted (the bare token or its link): the label service checks that we printed it
   * and records the scan, exactly as {@code POST /v1/scans} does; then the chosen event is recorded as for a typed
   * number.
   */
  private void qr(Context ctx, Gate.Visit v) {
    String qr = Optional.ofNullable(ctx.formParam("qr")).orElse("");
    Optional<Shipment> s = qr.isBlank() || qr.length() > 300 ? Optional.empty() : labels.scan(v.principal(), qr);
    if (s.isEmpty()) {
      ctx.status(400);
      render(ctx, v, v.frame().withErrors(List.of(v.frame().t("station.qr_invalid"))), type(ctx),
          ctx.formParam("courierId"), true);
      return;
    }
    record(ctx, v, s.get(), type(ctx), true);
  }

  private static String type(Context ctx) {
    String type = ctx.formParam("type");
    return type == null || !TYPES.contains(type) ? "ARRIVED" : type;
  }

  /**
   * Records the chosen event on a found shipment and shows the screen again, ready for the next parcel: focused on
   * the QR field if that is what was used ({@code qr}), else on the waybill field.
   */
  private void record(Context ctx, Gate.Visit v, Shipment s, String type, boolean qr) {
    Frame frame = v.frame();
    String courier = ctx.formParam("courierId");
    try {
      ShipmentEvent e = lifecycle.record(v.principal(), s, new EventRequest(type, null,
          courier == null || courier.isBlank() ? null : courier, null, null));
      render(ctx, v, frame.withNotice(frame.t("station.recorded", frame.t("event." + e.type()), s.waybill())),
          type, courier, qr);
    } catch (LifecycleException e) {
      ctx.status(e.kind() == LifecycleException.Kind.FORBIDDEN ? 403 : 409);
      render(ctx, v, frame.withErrors(List.of(frame.t("event.refused", frame.t("state." + e.state().name()))
          + " " + frame.t(e.next().key()))),
          type, courier, qr);
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, v, frame.withErrors(List.of(frame.t("station.courier_needed"))), type, courier, qr);
    }
  }

  private void render(Context ctx, Gate.Visit v, Frame frame, String type, String courier, boolean qrFocus) {
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
    params.put("qrFocus", qrFocus);
    views.page(ctx, "station.jte", params);
  }
}

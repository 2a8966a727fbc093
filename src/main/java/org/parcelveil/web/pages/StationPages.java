package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.label.LabelService;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.BulkScans;
import org.parcelveil.shipment.CourierWork;
import org.parcelveil.shipment.ScanNumber;
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
 * The station's and the hub's scan screen: type or scan a waybill (a scanner types it and presses enter) to record
 * arrival or departure, or, at a station, assign one of its couriers for pick-up or delivery; or scan a whole bag
 * into the bulk box ({@link BulkScanForm}). The form comes back focused on the waybill field, empty and ready for the
 * next parcel after a scan, still holding what was typed after a refusal.
 */
public final class StationPages {
  private static final List<String> STATION_TYPES = List.of("ARRIVED", "DEPARTED", "DROPPED_OFF",
      "PICKUP_ASSIGNED", "OUT_FOR_DELIVERY", "RETURNED", "AT_PICKUP_POINT");
  /** A hub only sorts: parcels come in and go out; pick-up, delivery and returns are the stations' work. */
  private static final List<String> HUB_TYPES = List.of("ARRIVED", "DEPARTED");
  private final Gate gate;
  private final Shipments shipments;
  private final Visibility visibility;
  private final Lifecycle lifecycle;
  private final Principals principals;
  private final CourierWork work;
  private final LabelService labels;
  private final Views views;
  private final Network network;
  private final BulkScans bulk;

  StationPages(Gate gate, Shipments shipments, Visibility visibility, Lifecycle lifecycle, Principals principals,
      CourierWork work, LabelService labels, Views views, Network network, BulkScans bulk) {
    this.gate = gate;
    this.shipments = shipments;
    this.visibility = visibility;
    this.lifecycle = lifecycle;
    this.principals = principals;
    this.work = work;
    this.labels = labels;
    this.views = views;
    this.network = network;
    this.bulk = bulk;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> station = EnumSet.of(Role.STATION);
    routes.get("/console/station", gate.page(station, (ctx, v) -> render(ctx, v, v.frame(), Form.start())));
    routes.post("/console/station/scan", gate.page(station, this::scan));
    routes.post("/console/station/qr", gate.page(station, this::qr));
    routes.post("/console/station/bulk", gate.page(station, this::bulk));
  }

  /** What the screen shows in its forms: the typed number, the chosen event and courier, the bulk box's result. */
  private record Form(String type, String courier, String typed, boolean qrFocus, BulkScanForm.Shown bulk) {
    static Form start() {
      return new Form("ARRIVED", "", "", false, BulkScanForm.Shown.EMPTY);
    }
  }

  private void scan(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String type = type(ctx, v);
    String raw = ctx.formParam("waybill");
    String typed = ScanNumber.normalize(raw);
    String courier = ctx.formParam("courierId");
    if (typed.isEmpty()) {
      ctx.status(400);
      render(ctx, v, frame.withErrors(List.of(frame.t("station.scan_empty"))),
          new Form(type, courier, "", false, BulkScanForm.Shown.EMPTY));
      return;
    }
    Optional<Shipment> s = typed.length() > ScanNumber.MAX_TYPED ? Optional.empty()
        : visibility.find(v.principal(), typed, "event");
    if (s.isEmpty()) {
      // The same answer for unknown, mistyped and forged numbers, and for parcels this station may not see; it
      // names the number (cut short, and escaped by the template) so the desk sees what the scanner read.
      ctx.status(404);
      render(ctx, v, frame.withErrors(List.of(frame.t("station.no_such", ScanNumber.quoted(raw)))),
          new Form(type, courier, ScanNumber.quoted(raw), false, BulkScanForm.Shown.EMPTY));
      return;
    }
    record(ctx, v, s.get(), type, false, typed);
  }

  /** A bag or cage in one action: the bulk box's numbers and count, each parcel recorded through the bulk scans. */
  private void bulk(Context ctx, Gate.Visit v) {
    BulkScanForm.Shown shown = BulkScanForm.submit(ctx, v, bulk, type(ctx, v));
    ctx.status(shown.status());
    Frame frame = v.frame();
    Frame withMessage = shown.errorKey() != null ? frame.withErrors(List.of(frame.t(shown.errorKey(), shown.args().toArray())))
        : frame.withNotice(frame.t("station.bulk_done", shown.recorded(), shown.results().size()));
    render(ctx, v, withMessage, new Form(type(ctx, v), "", "", false, shown));
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
      render(ctx, v, v.frame().withErrors(List.of(v.frame().t("station.qr_invalid"))),
          new Form(type(ctx, v), ctx.formParam("courierId"), "", true, BulkScanForm.Shown.EMPTY));
      return;
    }
    record(ctx, v, s.get(), type(ctx, v), true, "");
  }

  private String type(Context ctx, Gate.Visit v) {
    String type = ctx.formParam("type");
    return type == null || !types(v).contains(type) ? "ARRIVED" : type;
  }

  private boolean atHub(Gate.Visit v) {
    return network.find(v.principal().stationCode()).map(st -> st.kind() == Station.Kind.HUB).orElse(false);
  }

  private List<String> types(Gate.Visit v) {
    return atHub(v) ? HUB_TYPES : STATION_TYPES;
  }

  /**
   * Records the chosen event on a found shipment and shows the screen again, ready for the next parcel: focused on
   * the QR field if that is what was used ({@code qr}), else on the waybill field; after a refusal the waybill
   * field keeps {@code typed}.
   */
  private void record(Context ctx, Gate.Visit v, Shipment s, String type, boolean qr, String typed) {
    Frame frame = v.frame();
    String courier = ctx.formParam("courierId");
    try {
      ShipmentEvent e = lifecycle.record(v.principal(), s, new EventRequest(type, null,
          courier == null || courier.isBlank() ? null : courier, null, null));
      render(ctx, v, frame.withNotice(frame.t("station.recorded", frame.t("event." + e.type()), s.waybill())),
          new Form(type, courier, "", qr, BulkScanForm.Shown.EMPTY));
    } catch (LifecycleException e) {
      ctx.status(e.kind() == LifecycleException.Kind.FORBIDDEN ? 403 : 409);
      render(ctx, v, frame.withErrors(List.of(frame.t("event.refused", frame.t("state." + e.state().name()))
          + " " + frame.t(e.next().key()))), new Form(type, courier, typed, qr, BulkScanForm.Shown.EMPTY));
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, v, frame.withErrors(List.of(frame.t("station.courier_needed"))),
          new Form(type, courier, typed, qr, BulkScanForm.Shown.EMPTY));
    }
  }

  private void render(Context ctx, Gate.Visit v, Frame frame, Form form) {
    String code = v.principal().stationCode();
    List<Principal> couriers = principals.all().stream()
        .filter(p -> p.role() == Role.COURIER && !p.isRevoked() && code.equals(p.stationCode())).toList();
    List<ShipmentRow> recent = work.recentAtStation(code, 20).stream().map(shipments::find).flatMap(Optional::stream)
        .map(s -> ShipmentRow.of(s, shipments.masked(s, PartyRole.RECIPIENT))).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("station", code);
    params.put("hub", atHub(v));
    params.put("types", types(v));
    params.put("couriers", couriers);
    params.put("type", form.type());
    params.put("courier", form.courier() == null ? "" : form.courier());
    params.put("typed", form.typed());
    params.put("recent", recent);
    params.put("qrFocus", form.qrFocus());
    params.put("bulk", form.bulk());
    views.page(ctx, "station.jte", params);
  }
}

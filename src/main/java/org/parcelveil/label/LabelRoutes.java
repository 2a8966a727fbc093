package org.parcelveil.label;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parcelveil.access.Principal;
import org.parcelveil.access.Role;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.leaks.AccessEvent;
import org.parcelveil.leaks.AccessObserver;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;

/** Labels ({@code GET /v1/shipments/{waybill}/label}, {@code POST /v1/labels}) and QR scans ({@code POST /v1/scans}). */
public final class LabelRoutes implements Routes {
  private final Labels labels;
  private final ShipmentLabels shipmentLabels;
  private final Shipments shipments;
  private final EventRepository events;
  private final Visibility visibility;
  private final AccessObserver observer;
  private final java.time.Clock clock;

  public LabelRoutes(Labels labels, ShipmentLabels shipmentLabels, Shipments shipments, EventRepository events,
      Visibility visibility) {
    this(labels, shipmentLabels, shipments, events, visibility, AccessObserver.NONE, java.time.Clock.systemUTC());
  }

  /** As above, reporting labels, scans and out-of-scope look-ups to {@code observer} (the leak detectors). */
  public LabelRoutes(Labels labels, ShipmentLabels shipmentLabels, Shipments shipments, EventRepository events,
      Visibility visibility, AccessObserver observer, java.time.Clock clock) {
    this.observer = observer;
    this.clock = clock;
    this.labels = labels;
    this.shipmentLabels = shipmentLabels;
    this.shipments = shipments;
    this.events = events;
    this.visibility = visibility;
  }

  record BatchBody(List<String> waybills, String format) {}

  record ScanBody(String qr) {}

  record ScanView(String waybill, String state, String sortCode) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/v1/shipments/{waybill}/label", this::one);
    routes.post("/v1/labels", this::batch);
    routes.post("/v1/scans", this::scan);
  }

  private void one(Context ctx) throws Exception {
    Principal p = Auth.require(ctx, Role.MERCHANT, Role.STATION, Role.COURIER);
    Shipment s = visible(p, ctx.pathParam("waybill")).orElseThrow(() -> ApiException.notFound("No such shipment."));
    String format = Optional.ofNullable(ctx.queryParam("format")).orElse("pdf");
    LabelData label = shipmentLabels.of(s);
    switch (format) {
      case "pdf" -> ctx.contentType("application/pdf").result(labels.pdf(label));
      case "zpl" -> ctx.contentType("text/plain; charset=utf-8").result(labels.zpl(label));
      case "png" -> {
        String dpi = Optional.ofNullable(ctx.queryParam("dpi")).orElse("203");
        if (!dpi.equals("203") && !dpi.equals("300")) {
          throw ValidationException.of("dpi", "must be 203 or 300");
        }
        ctx.contentType("image/png").result(labels.png(label, dpi.equals("300") ? Dpi.DPI_300 : Dpi.DPI_203));
      }
      default -> throw ValidationException.of("format", "must be pdf, zpl or png");
    }
    ctx.header("Content-Disposition", "inline; filename=\"" + s.waybill() + "." + format + "\"");
  }

  private void batch(Context ctx) throws Exception {
    Principal p = Auth.require(ctx, Role.MERCHANT);
    BatchBody body = Requests.body(ctx, BatchBody.class);
    Check check = new Check();
    if (body.format() != null && !body.format().equals("pdf")) {
      check.fail("format", "must be pdf");
    }
    if (body.waybills() == null || body.waybills().isEmpty() || body.waybills().size() > Labels.MAX_BATCH) {
      check.fail("waybills", "must list 1 to " + Labels.MAX_BATCH + " waybills");
    }
    check.throwIfInvalid();
    List<LabelData> data = new ArrayList<>(body.waybills().size());
    List<FieldError> unknown = new ArrayList<>();
    for (int i = 0; i < body.waybills().size(); i++) {
      Optional<Shipment> s = visible(p, body.waybills().get(i));
      if (s.isEmpty()) {
        unknown.add(new FieldError("waybills[" + i + "]", "is not a shipment of yours"));
      } else {
        data.add(shipmentLabels.of(s.get()));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ValidationException(unknown);
    }
    ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"labels.pdf\"");
    // Written straight to the response: a 1,000-page PDF is never held twice.
    labels.pdf(data, ctx.outputStream());
  }

  private void scan(Context ctx) {
    Principal p = Auth.require(ctx, Role.STATION, Role.COURIER);
    ScanBody body = Requests.body(ctx, ScanBody.class);
    if (body.qr() == null || body.qr().length() > 300) {
      throw ValidationException.of("qr", "is required");
    }
    String waybill = shipmentLabels.tokens().resolve(body.qr())
        .orElseThrow(() -> ApiException.badRequest("This QR code is not a valid label token of this carrier."));
    Shipment s = shipments.find(waybill)
        .orElseThrow(() -> ApiException.badRequest("This QR code is not a valid label token of this carrier."));
    observer.record(AccessEvent.of(AccessEvent.Kind.SCAN, p, s.waybill(), "scan", clock.instant()));
    ctx.json(new ScanView(s.waybill(), s.state().name(), s.sortCode()));
  }

  private Optional<Shipment> visible(Principal p, String waybill) {
    Optional<Shipment> found = shipments.find(waybill);
    if (found.isEmpty()) {
      return found;
    }
    boolean allowed = visibility.canSee(p, found.get(), events.of(found.get().waybill()));
    observer.record(AccessEvent.of(allowed ? AccessEvent.Kind.VIEW : AccessEvent.Kind.DENIED, p, waybill, "label",
        clock.instant()));
    return allowed ? found : Optional.empty();
  }
}

package org.parcelveil.label;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.HttpProblems;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.shipment.NoSuchShipment;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;

/**
 * Labels ({@code GET /v1/shipments/{waybill}/label}, {@code POST /v1/labels}), packing slips
 * ({@code POST /v1/shipments/{waybill}/packing-slip}) and QR scans ({@code POST /v1/scans}).
 */
public final class LabelRoutes implements Routes {
  private final LabelService service;
  private final Labels labels;
  private final PackingSlips slips;

  public LabelRoutes(LabelService service, PackingSlips slips) {
    this.service = service;
    this.labels = service.labels();
    this.slips = slips;
  }

  record SlipBody(List<PackingSlips.Line> items) {}

  record BatchBody(List<String> waybills, String format) {}

  record ScanBody(String qr) {}

  record ScanView(String waybill, String state, String sortCode) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/v1/shipments/{waybill}/label", this::one, Access.roles(Role.MERCHANT, Role.STATION, Role.COURIER));
    routes.post("/v1/labels", this::batch, Access.roles(Role.MERCHANT));
    routes.post("/v1/shipments/{waybill}/packing-slip", this::packingSlip, Access.roles(Role.MERCHANT));
    routes.post("/v1/scans", this::scan, Access.roles(Role.STATION, Role.COURIER));
    routes.exception(LabelFontException.class, (e, ctx) -> HttpProblems.send(ctx, unprintable(e)));
  }

  /**
   * A stored shipment whose label the font cannot draw: data stored before creation checked the label font, or
   * under a wider {@code --label-font}. Nothing the caller can change by asking again, hence 422, not 500.
   */
  static ApiException unprintable(LabelFontException e) {
    return new ApiException(422, "label-unprintable", "Label cannot be printed",
        "The label font cannot draw a field of this shipment; a label font that covers it (--label-font) can.",
        List.of(new FieldError(e.field(), "has characters the label font cannot print")), Map.of());
  }

  private void one(Context ctx) throws Exception {
    Principal p = Auth.principal(ctx);
    String waybill = ctx.pathParam("waybill");
    LabelData label = service.label(p, waybill).orElseThrow(NoSuchShipment::problem);
    String format = Optional.ofNullable(ctx.queryParam("format")).orElse("pdf");
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
    ctx.header("Content-Disposition", "inline; filename=\"" + label.waybill() + "." + format + "\"");
  }

  private void batch(Context ctx) throws Exception {
    Principal p = Auth.principal(ctx);
    BatchBody body = Requests.body(ctx, BatchBody.class);
    if (body.format() != null && !body.format().equals("pdf")) {
      throw ValidationException.of("format", "must be pdf");
    }
    List<LabelData> data = service.batch(p, body.waybills());
    ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"labels.pdf\"");
    // Written straight to the response: a 1,000-page PDF is never held twice.
    labels.pdf(data, ctx.outputStream());
  }

  private void packingSlip(Context ctx) {
    Principal p = Auth.principal(ctx);
    SlipBody body = Requests.body(ctx, SlipBody.class);
    byte[] pdf = slips.pdf(p, ctx.pathParam("waybill"), body.items());
    // The items are on this page: no browser or proxy may keep it.
    ctx.contentType("application/pdf").header("Cache-Control", "no-store")
        .header("Content-Disposition", "inline; filename=\"" + ctx.pathParam("waybill") + "-packing-slip.pdf\"")
        .result(pdf);
  }

  private void scan(Context ctx) {
    Principal p = Auth.principal(ctx);
    ScanBody body = Requests.body(ctx, ScanBody.class);
    if (body.qr() == null || body.qr().length() > 300) {
      throw ValidationException.of("qr", "is required");
    }
    Shipment s = service.scan(p, body.qr())
        .orElseThrow(() -> ApiException.badRequest("This QR code is not a valid label token of this carrier."));
    ctx.json(new ScanView(s.waybill(), s.state().name(), s.sortCode()));
  }
}

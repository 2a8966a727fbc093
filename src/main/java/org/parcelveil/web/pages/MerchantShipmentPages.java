package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.http.ApiException;
import org.parcelveil.identity.Role;
import org.parcelveil.label.PackingSlips;
import org.parcelveil.shipment.Cancellation;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * One of the merchant's shipments: its masked parties, its tracking history, its label (print or reprint, with when
 * it was first printed), a packing slip of the items typed in, and cancellation behind a confirmation page (nothing destructive in one click). Another
 * merchant's number reads as unknown, exactly as in the API.
 */
public final class MerchantShipmentPages {
  private final Gate gate;
  private final Shipments shipments;
  private final Visibility visibility;
  private final Cancellation cancellation;
  private final Views views;
  private final PackingSlips slips;

  MerchantShipmentPages(Gate gate, Shipments shipments, Visibility visibility, Cancellation cancellation,
      Views views, PackingSlips slips) {
    this.gate = gate;
    this.slips = slips;
    this.shipments = shipments;
    this.visibility = visibility;
    this.cancellation = cancellation;
    this.views = views;
  }

  /** Where the merchant's list links one shipment. */
  public static String url(String waybill) {
    return "/console/merchant/shipments/" + waybill;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> merchant = EnumSet.of(Role.MERCHANT);
    routes.get("/console/merchant/shipments/{waybill}", gate.page(merchant, (ctx, v) -> detail(ctx, v, false)));
    routes.get("/console/merchant/shipments/{waybill}/cancel", gate.page(merchant, (ctx, v) -> detail(ctx, v, true)));
    routes.post("/console/merchant/shipments/{waybill}/cancel", gate.page(merchant, this::cancel));
    routes.post("/console/merchant/shipments/{waybill}/packing-slip", gate.page(merchant, this::packingSlip));
  }

  /**
   * A shipment event as the history shows it: the time as every page shows it (PageTimes), type, what it adds ({@link EventNote}, or null)
   * and station; no person.
   */
  public record EventRow(String at, String type, String note, String stationCode) {}

  private void detail(Context ctx, Gate.Visit v, boolean confirming) {
    Visibility.Seen seen;
    try {
      seen = visibility.requireWithHistory(v.principal(), ctx.pathParam("waybill"), "view");
    } catch (ApiException e) {
      gate.refuse(ctx, v.frame(), HttpStatus.NOT_FOUND, "label.not_found");
      return;
    }
    Shipment s = seen.shipment();
    if (!s.merchantId().equals(v.principal().id())) {
      gate.refuse(ctx, v.frame(), HttpStatus.NOT_FOUND, "label.not_found");
      return;
    }
    render(ctx, v.frame(), s, seen.history(), confirming);
  }

  private void render(Context ctx, Frame frame, Shipment s, List<ShipmentEvent> history, boolean confirming) {
    render(ctx, frame, s, history, confirming, "", List.of());
  }

  private void render(Context ctx, Frame frame, Shipment s, List<ShipmentEvent> history, boolean confirming,
      String slipText, List<String> slipErrors) {
    ShipmentRow row = ShipmentRow.of(s, shipments.masked(s, PartyRole.RECIPIENT),
        shipments.printedAt(s.waybill()).orElse(null));
    List<EventRow> events = history.stream()
        .map(e -> new EventRow(PageTimes.shown(e.at()), "event." + e.type(), EventNote.key(e), e.stationCode()))
        .toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("row", row);
    params.put("events", events);
    params.put("confirming", confirming && s.state().name().equals("CREATED"));
    params.put("slipText", slipText);
    params.put("slipErrors", slipErrors);
    views.page(ctx, "merchant/shipment.jte", params);
  }

  /**
   * The packing slip of the typed items as PDF, by the API's own rules; bad items come back beside the box, in the
   * page's language and by line, with what was typed kept so it can be fixed.
   */
  private void packingSlip(Context ctx, Gate.Visit v) {
    String waybill = ctx.pathParam("waybill");
    String text = java.util.Objects.requireNonNullElse(ctx.formParam("items"), "");
    PackingLines lines = PackingLines.parse(text);
    byte[] pdf;
    try {
      pdf = slips.pdf(v.principal(), waybill, lines.items());
    } catch (ValidationException e) {
      Visibility.Seen seen = visibility.requireWithHistory(v.principal(), waybill, "view");
      ctx.status(400);
      render(ctx, v.frame(), seen.shipment(), seen.history(), false, text, lines.messages(v.frame(), e.errors()));
      return;
    } catch (ApiException e) {
      boolean cancelled = e.status() == HttpStatus.CONFLICT.getCode();
      gate.refuse(ctx, v.frame(), cancelled ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND,
          cancelled ? "label.cancelled" : "label.not_found");
      return;
    }
    // Set here as well as by the console's filter: the items are on this page.
    ctx.contentType("application/pdf").header("Cache-Control", "no-store")
        .header("Content-Disposition", "inline; filename=\"" + waybill + "-packing-slip.pdf\"").result(pdf);
  }

  private void cancel(Context ctx, Gate.Visit v) {
    String waybill = ctx.pathParam("waybill");
    Frame frame = v.frame();
    try {
      Shipment s = cancellation.cancel(v.principal(), waybill);
      render(ctx, frame.withNotice(frame.t("merchant.cancelled", s.waybill())), s, visibility
          .requireWithHistory(v.principal(), s.waybill(), "view").history(), false);
    } catch (LifecycleException e) {
      ctx.status(409);
      Visibility.Seen seen = visibility.requireWithHistory(v.principal(), waybill, "view");
      render(ctx, frame.withErrors(List.of(frame.t("merchant.cancel_too_late"))), seen.shipment(), seen.history(),
          false);
    } catch (ApiException e) {
      gate.refuse(ctx, frame, HttpStatus.NOT_FOUND, "label.not_found");
    }
  }
}

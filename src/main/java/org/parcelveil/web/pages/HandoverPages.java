package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.http.ApiException;
import org.parcelveil.identity.Role;
import org.parcelveil.pickup.HandoverRefusedException;
import org.parcelveil.pickup.HandoverRequest;
import org.parcelveil.pickup.Handovers;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * The station's hand-over screen: the recipient says their pickup code and the last four digits of their phone, the
 * desk types them with the waybill, and the parcel is delivered through the same handover as the API's. The desk
 * never sees the phone or the code; nothing typed but the waybill comes back in the page.
 */
public final class HandoverPages {
  private final Gate gate;
  private final Handovers handovers;
  private final Views views;

  HandoverPages(Gate gate, Handovers handovers, Views views) {
    this.gate = gate;
    this.handovers = handovers;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> station = EnumSet.of(Role.STATION);
    routes.get("/console/station/handover", gate.page(station, (ctx, v) -> render(ctx, v.frame(), "")));
    routes.post("/console/station/handover", gate.page(station, this::handover));
  }

  private void handover(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String waybill = Optional.ofNullable(ctx.formParam("waybill")).orElse("").replace(" ", "").trim()
        .toUpperCase(java.util.Locale.ROOT);
    HandoverRequest request = new HandoverRequest(digits(ctx.formParam("code")), digits(ctx.formParam("phoneLast4")));
    try {
      handovers.handover(v.principal(), waybill, request);
      render(ctx, frame.withNotice(frame.t("handover.done", waybill)), "");
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withErrors(List.of(frame.t("handover.malformed"))), waybill);
    } catch (ApiException e) {
      if (e.status() != 404) {
        throw e;
      }
      // Unknown, mistyped and out-of-scope numbers get one answer, as on the scan screen.
      render(ctx, frame.withErrors(List.of(frame.t("reason.unknown_waybill"))), waybill);
    } catch (LifecycleException e) {
      boolean forbidden = e.kind() == LifecycleException.Kind.FORBIDDEN;
      ctx.status(forbidden ? 403 : 409);
      render(ctx, frame.withErrors(List.of(forbidden ? frame.t("handover.not_yours")
          : frame.t("handover.not_shelved", frame.t("state." + e.state().name())))), waybill);
    } catch (HandoverRefusedException e) {
      ctx.status(e.status());
      render(ctx, frame.withErrors(List.of(frame.t("handover." + e.kind().name()))), waybill);
    }
  }

  /** What was typed, without spaces; a field left out is empty (the handover names it as malformed). */
  private static String digits(String typed) {
    return typed == null ? "" : typed.replace(" ", "").trim();
  }

  private void render(Context ctx, Frame frame, String waybill) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("waybill", waybill.length() > 40 ? "" : waybill);
    views.page(ctx, "station-handover.jte", params);
  }
}

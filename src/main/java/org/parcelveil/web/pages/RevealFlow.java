package org.parcelveil.web.pages;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.parcelveil.disclosure.Disclosures;
import org.parcelveil.disclosure.RefusedException;
import org.parcelveil.disclosure.RevealRequest;
import org.parcelveil.http.Json;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.FormNonces;

/**
 * The console's reveal: every disclosure goes through {@link Disclosures#reveal} (which logs before it returns
 * plaintext), and the plain data is rendered only into the response of that post, which is {@code no-store}. The
 * form's nonce works once, so reloading the page shows nothing again.
 */
final class RevealFlow {
  private final Disclosures disclosures;
  private final FormNonces nonces;
  private final Views views;

  RevealFlow(Disclosures disclosures, FormNonces nonces, Views views) {
    this.disclosures = disclosures;
    this.nonces = nonces;
    this.views = views;
  }

  String nonce() {
    return nonces.issue();
  }

  void reveal(Context ctx, Gate.Visit v, String party, String purpose, String ticket, String back) {
    Frame frame = v.frame();
    String waybill = ctx.formParam("waybill");
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("waybill", waybill == null || waybill.length() > 24 ? "" : waybill);
    params.put("back", back);
    params.put("plain", null);
    params.put("auditIndex", -1L);
    params.put("message", null);
    if (!nonces.consume(ctx.formParam("nonce"))) {
      params.put("message", frame.t("reveal.gone"));
      views.page(ctx, "revealed.jte", params);
      return;
    }
    try {
      Disclosures.Revealed r = disclosures.reveal(v.principal(), waybill, new RevealRequest(party, purpose,
          ticket == null || ticket.isBlank() ? null : ticket.trim()));
      params.put("plain", Json.mapper().convertValue(r.party(), Plain.class));
      params.put("auditIndex", r.auditIndex());
    } catch (RefusedException e) {
      // A shipment this person may not see reads exactly as an unknown number.
      ctx.status(e.gone() ? 410 : e.hidden() ? 200 : 403);
      String reason = e.hidden() ? "unknown_waybill" : e.reason();
      // The day's budget and one parcel's cap are different refusals: say which, with its number.
      String message = !e.hidden() && e.budget() != null
          ? frame.t("reason.budget_" + e.budget().budget().wireName(), e.budget().limit())
          : frame.t("reason." + reason);
      params.put("message", message + " (" + frame.t("reveal.logged", e.auditIndex()) + ")");
    } catch (ValidationException e) {
      ctx.status(400);
      params.put("message", String.join("; ", MerchantPages.describe(frame, e.errors())));
    }
    views.page(ctx, "revealed.jte", params);
  }
}

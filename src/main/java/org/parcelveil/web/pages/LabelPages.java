package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import org.parcelveil.http.ApiException;
import org.parcelveil.identity.Role;
import org.parcelveil.label.LabelData;
import org.parcelveil.label.LabelService;
import org.parcelveil.web.Gate;

/**
 * Labels for a signed-in merchant: one shipment's PDF, or a batch PDF of the ticked rows. The label feature's own
 * service decides, exactly as for the API, which shipments a merchant may print: anyone else's number is "not
 * found", like a made-up one. Labels are never cached (the console's responses are all {@code no-store}).
 */
public final class LabelPages {
  private final Gate gate;
  private final LabelService labels;

  LabelPages(Gate gate, LabelService labels) {
    this.gate = gate;
    this.labels = labels;
  }

  /** Where the merchant's list links one shipment's label. */
  public static String url(String waybill) {
    return "/console/merchant/labels/" + waybill + ".pdf";
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> merchant = EnumSet.of(Role.MERCHANT);
    routes.get("/console/merchant/labels/{file}", gate.page(merchant, this::one));
    routes.post("/console/merchant/labels", gate.page(merchant, this::batch));
  }

  private void one(Context ctx, Gate.Visit v) {
    String file = ctx.pathParam("file");
    String waybill = file.endsWith(".pdf") ? file.substring(0, file.length() - 4) : file;
    LabelData label;
    try {
      label = labels.label(v.principal(), waybill).orElse(null);
    } catch (ApiException cancelled) {
      gate.refuse(ctx, v.frame(), HttpStatus.CONFLICT, "label.cancelled");
      return;
    }
    if (label == null) {
      gate.refuse(ctx, v.frame(), HttpStatus.NOT_FOUND, "label.not_found");
      return;
    }
    pdf(ctx, label.waybill() + ".pdf").result(labels.labels().pdf(label));
  }

  /** The ticked rows as one PDF; a number that is not the merchant's fails the whole batch, as in the API. */
  private void batch(Context ctx, Gate.Visit v) throws Exception {
    // "Print all on this page" sends every row of the page; otherwise the ticked ones.
    List<String> waybills = "page".equals(ctx.formParam("print")) ? ctx.formParams("onpage")
        : ctx.formParams("waybills");
    if (waybills.isEmpty()) {
      gate.refuse(ctx, v.frame(), HttpStatus.BAD_REQUEST, "label.none_ticked");
      return;
    }
    // Gate turns the service's ValidationException (too many, or not the merchant's) into a 400 page.
    List<LabelData> data = labels.batch(v.principal(), waybills);
    labels.labels().pdf(data, pdf(ctx, "labels.pdf").outputStream());
  }

  private static Context pdf(Context ctx, String name) {
    // Set again here, not only by the console's filter: a label must never be kept by a browser or a proxy.
    return ctx.contentType("application/pdf").header("Cache-Control", "no-store")
        .header("Content-Disposition", "inline; filename=\"" + name + "\"");
  }
}

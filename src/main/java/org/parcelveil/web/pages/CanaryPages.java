package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Role;
import org.parcelveil.leaks.canary.Canaries;
import org.parcelveil.leaks.canary.Canary;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * Canary parcels for the security team: which exist and through which channel each was exposed, and a form to make
 * more. Creation goes through {@link Canaries#create}, as the API's does, which audit-logs it first.
 */
public final class CanaryPages {
  private final Gate gate;
  private final Canaries canaries;
  private final Views views;

  CanaryPages(Gate gate, Canaries canaries, Views views) {
    this.gate = gate;
    this.canaries = canaries;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> security = EnumSet.of(Role.SECURITY);
    routes.get("/console/security/canaries", gate.page(security, (ctx, v) -> render(ctx, v.frame(), List.of(), "")));
    routes.post("/console/security/canaries", gate.page(security, this::create));
  }

  private void create(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String channel = ctx.formParam("channel") == null ? "" : ctx.formParam("channel").trim();
    Integer count = count(ctx.formParam("count"));
    if (count == null) {
      ctx.status(400);
      render(ctx, frame.withErrors(List.of(frame.t("canaries.count_invalid"))), List.of(), channel);
      return;
    }
    try {
      List<String> made = canaries.create(v.principal(), channel, count);
      render(ctx, frame.withNotice(frame.t("canaries.created", made.size(), channel)), made, "");
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withErrors(MerchantPages.describe(frame, e.errors())), List.of(), channel);
    }
  }

  private static Integer count(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void render(Context ctx, Frame frame, List<String> made, String channel) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("canaries", canaries.all().stream().sorted(Comparator.comparing(Canary::createdAt).reversed()).toList());
    params.put("made", made);
    params.put("channel", channel.length() > 80 ? "" : channel);
    views.page(ctx, "security/canaries.jte", params);
  }
}

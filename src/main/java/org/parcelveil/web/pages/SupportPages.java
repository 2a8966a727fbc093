package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/** Support's screens: find a shipment (masked, with its events) and reveal one party under a ticket. */
public final class SupportPages {
  private final Gate gate;
  private final Shipments shipments;
  private final EventRepository events;
  private final RevealFlow reveals;
  private final Views views;

  SupportPages(Gate gate, Shipments shipments, EventRepository events, RevealFlow reveals, Views views) {
    this.gate = gate;
    this.shipments = shipments;
    this.events = events;
    this.reveals = reveals;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> support = EnumSet.of(Role.SUPPORT);
    routes.get("/console/support", gate.page(support, this::find));
    routes.post("/console/support/reveal", gate.page(support, (ctx, v) -> reveals.reveal(ctx, v,
        ctx.formParam("party"), "SUPPORT", ctx.formParam("ticket"), "/console/support")));
  }

  private void find(Context ctx, Gate.Visit v) {
    String q = Optional.ofNullable(ctx.queryParam("waybill")).orElse("").replace(" ", "").trim();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", v.frame());
    params.put("q", q.length() > 24 ? "" : q);
    params.put("shipment", null);
    params.put("sender", null);
    params.put("events", List.of());
    params.put("nonce", reveals.nonce());
    params.put("notFound", false);
    if (!q.isEmpty()) {
      Optional<Shipment> s = shipments.find(q);
      if (s.isEmpty()) {
        params.put("notFound", true);
      } else {
        Masked sender = shipments.masked(s.get(), PartyRole.SENDER);
        params.put("shipment", ShipmentRow.of(s.get(), shipments.masked(s.get(), PartyRole.RECIPIENT)));
        params.put("sender", sender);
        List<ShipmentEvent> history = events.of(s.get().waybill());
        params.put("events", history);
      }
    }
    views.page(ctx, "support.jte", params);
  }
}

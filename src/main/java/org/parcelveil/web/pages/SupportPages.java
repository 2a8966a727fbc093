package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.identity.Role;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.EventRequest;
import org.parcelveil.shipment.HandledEvents;
import org.parcelveil.shipment.Lifecycle;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.SupportSearch;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * Support's screens: find a shipment by waybill, or by phone or order reference under a ticket (a POST, so the phone
 * never sits in an address, a browser history or an access log); see its events with who handled each; take an
 * action on it under a ticket, after a confirmation; reveal one party under a ticket.
 */
public final class SupportPages {
  /** What support may do to a parcel here: the events of {@code EventType} that support records. */
  static final List<String> ACTIONS = List.of("INTERCEPTED", "HELD_AT_STATION", "RETURNED", "REDIRECTED");
  private static final Set<String> SEARCH_BY = Set.of("phone", "reference");
  private static final int RESULTS = 50;

  private final Gate gate;
  private final Shipments shipments;
  private final HandledEvents events;
  private final SupportSearch search;
  private final Lifecycle lifecycle;
  private final Network network;
  private final RevealFlow reveals;
  private final Views views;

  SupportPages(Gate gate, Shipments shipments, HandledEvents events, SupportSearch search, Lifecycle lifecycle,
      Network network, RevealFlow reveals, Views views) {
    this.gate = gate;
    this.shipments = shipments;
    this.events = events;
    this.search = search;
    this.lifecycle = lifecycle;
    this.network = network;
    this.reveals = reveals;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> support = EnumSet.of(Role.SUPPORT);
    routes.get("/console/support", gate.page(support, (ctx, v) -> render(ctx, v.frame(),
        waybill(ctx.queryParam("waybill")), null)));
    routes.post("/console/support/search", gate.page(support, this::search));
    routes.post("/console/support/action", gate.page(support, this::action));
    routes.post("/console/support/reveal", gate.page(support, (ctx, v) -> reveals.reveal(ctx, v,
        ctx.formParam("party"), "SUPPORT", ctx.formParam("ticket"), "/console/support")));
  }

  /** One event as support reads it: the time as pages show times, where, who handled it and the ticket. */
  public record EventLine(String time, String typeKey, @Nullable String noteKey, String station, String who,
      String roleKey, String ticket) {}

  /** A search as typed back into its form: never the phone, which is not echoed into the page. */
  public record Search(String by, String reference, String ticket, List<ShipmentRow> rows, boolean more) {}

  private static String waybill(String typed) {
    String q = Optional.ofNullable(typed).orElse("").replace(" ", "").trim();
    return q.length() > 24 ? "" : q;
  }

  private void search(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String by = SEARCH_BY.contains(ctx.formParam("by")) ? ctx.formParam("by") : "phone";
    String value = Optional.ofNullable(ctx.formParam("value")).orElse("").trim();
    String ticket = Optional.ofNullable(ctx.formParam("ticket")).orElse("").trim();
    String reference = by.equals("reference") && value.length() <= 64 ? value : "";
    String shownTicket = ticket.length() <= 40 ? ticket : "";
    try {
      SupportSearch.Query q = new SupportSearch.Query(by.equals("phone") ? value : null,
          by.equals("reference") ? value : null, ticket.isEmpty() ? null : ticket);
      Page<Shipment> page = search.find(v.principal(), q, Paging.of(SupportSearch.LIST, Integer.toString(RESULTS),
          null));
      List<ShipmentRow> rows = page.items().stream()
          .map(s -> ShipmentRow.of(s, shipments.masked(s, PartyRole.RECIPIENT))).toList();
      render(ctx, frame, "", new Search(by, reference, shownTicket, rows, page.nextCursor() != null));
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withErrors(MerchantPages.describe(frame, e.errors())), "",
          new Search(by, reference, shownTicket, List.of(), false));
    }
  }

  private void action(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String waybill = waybill(ctx.formParam("waybill"));
    // "type", not "action": a field named action would shadow the form's own action property in the page.
    String type = ctx.formParam("type");
    Optional<Shipment> s = shipments.find(waybill);
    if (s.isEmpty() || type == null || !ACTIONS.contains(type)) {
      ctx.status(400);
      render(ctx, frame.withErrors(List.of(frame.t("reason.unknown_waybill"))), waybill, null);
      return;
    }
    if (!"yes".equals(ctx.formParam("confirm"))) {
      ctx.status(400);
      render(ctx, frame.withErrors(List.of(frame.t("support.confirm_needed"))), waybill, null);
      return;
    }
    String ticket = Optional.ofNullable(ctx.formParam("ticket")).map(String::trim).filter(t -> !t.isEmpty())
        .orElse(null);
    String station = type.equals("REDIRECTED") ? Optional.ofNullable(ctx.formParam("stationCode"))
        .filter(c -> !c.isBlank()).orElse(null) : null;
    try {
      ShipmentEvent e = lifecycle.record(v.principal(), s.get(), new EventRequest(type, station, null, null, null,
          ticket));
      render(ctx, frame.withNotice(frame.t("support.done", frame.t("event." + e.type()), waybill)), waybill, null);
    } catch (LifecycleException e) {
      ctx.status(e.kind() == LifecycleException.Kind.FORBIDDEN ? 403 : 409);
      render(ctx, frame.withErrors(List.of(frame.t("event.refused", frame.t("state." + e.state().name())))),
          waybill, null);
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withErrors(MerchantPages.describe(frame, e.errors())), waybill, null);
    }
  }

  private void render(Context ctx, Frame frame, String q, Search found) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("q", q);
    params.put("shipment", null);
    params.put("sender", null);
    params.put("events", List.of());
    params.put("nonce", reveals.nonce());
    params.put("notFound", false);
    params.put("search", found == null ? new Search("phone", "", "", List.of(), false) : found);
    params.put("searched", found != null);
    params.put("actions", ACTIONS);
    params.put("stations", network.all().stream().filter(st -> st.kind() == Station.Kind.STATION).toList());
    if (!q.isEmpty()) {
      Optional<Shipment> s = shipments.find(q);
      if (s.isEmpty()) {
        params.put("notFound", true);
      } else {
        params.put("shipment", ShipmentRow.of(s.get(), shipments.masked(s.get(), PartyRole.RECIPIENT)));
        params.put("sender", shipments.masked(s.get(), PartyRole.SENDER));
        params.put("events", events.of(s.get().waybill()).stream().map(SupportPages::line).toList());
      }
    }
    views.page(ctx, "support.jte", params);
  }

  private static EventLine line(HandledEvents.Handled e) {
    return new EventLine(PageTimes.shown(e.at()), "event." + e.type(), EventNote.key(e.reason(), e.codCollected()),
        e.stationCode() == null ? "" : e.stationCode(),
        e.name() == null ? e.principalId() : e.name() + " (" + e.principalId() + ")",
        e.role() == null ? "support.unknown_principal" : "role." + e.role(), e.ticket() == null ? "" : e.ticket());
  }
}

package org.parcelveil.shipment;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.HttpProblems;
import org.parcelveil.http.Paging;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.PartyRole;

/** {@code /v1/shipments}: creation (single and batch), the merchant's list, cancellation and the masked view. */
public final class ShipmentRoutes implements Routes {
  public static final int MAX_BATCH = 10_000;
  private final Shipments shipments;
  private final EventRepository events;
  private final Visibility visibility;
  private final Lifecycle lifecycle;
  private final AccessObserver observer;
  private final Cancellation cancellation;
  private final java.time.Clock clock;
  private final SupportSearch support;

  /** Reports views and out-of-scope look-ups to {@code observer} (the leak detectors). */
  public ShipmentRoutes(Shipments shipments, EventRepository events, Visibility visibility, Lifecycle lifecycle,
      Cancellation cancellation, AccessObserver observer, java.time.Clock clock, SupportSearch support) {
    this.support = support;
    this.cancellation = cancellation;
    this.observer = observer;
    this.clock = clock;
    this.shipments = shipments;
    this.events = events;
    this.visibility = visibility;
    this.lifecycle = lifecycle;
  }

  record BatchBody(List<JsonNode> shipments) {}

  /** The fast path: a batch whose every item binds; any item that does not sends the batch down the per-item path. */
  record TypedBatchBody(List<ShipmentRequest> shipments) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/shipments", this::create, Access.roles(Role.MERCHANT));
    routes.post("/v1/shipments/batch", this::batch, Access.roles(Role.MERCHANT));
    routes.get("/v1/shipments", this::list, Access.roles(Role.MERCHANT, Role.SUPPORT));
    routes.post("/v1/shipments/{waybill}/cancel", this::cancel, Access.roles(Role.MERCHANT));
    routes.get("/v1/shipments/{waybill}", this::get,
        Access.roles(Role.MERCHANT, Role.STATION, Role.COURIER, Role.SUPPORT, Role.ADMIN));
    routes.post("/v1/shipments/{waybill}/events", this::event,
        Access.roles(Role.STATION, Role.COURIER, Role.SUPPORT));
    routes.exception(LifecycleException.class, (e, ctx) -> HttpProblems.send(ctx, e.kind() == LifecycleException.Kind.FORBIDDEN
        ? new ApiException(403, "forbidden", "Forbidden", e.getMessage(), List.of(),
            Map.of("state", e.state().name(), "nextStep", e.next().name()))
        : new ApiException(409, "illegal-transition", "Illegal transition", e.getMessage(), List.of(),
            Map.of("state", e.state().name(), "nextStep", e.next().name()))));
  }

  private void create(Context ctx) {
    Principal merchant = Auth.principal(ctx);
    ShipmentRequest request = Requests.body(ctx, ShipmentRequest.class);
    try {
      Shipments.Created c = shipments.create(merchant, request, ctx.header("Idempotency-Key"));
      ctx.status(201).header("Location", "/v1/shipments/" + c.shipment().waybill()).json(ShipmentViews.created(c));
    } catch (Shipments.IdempotencyConflictException e) {
      throw ApiException.conflict("This Idempotency-Key was used with a different request body.");
    }
  }

  private void batch(Context ctx) {
    Principal merchant = Auth.principal(ctx);
    List<Object> items = typedItems(ctx);
    if (items == null) {
      items = itemByItem(Requests.body(ctx, BatchBody.class));
    }
    List<ShipmentViews.BatchItem> results = shipments.createBatch(merchant, items).stream()
        .map(o -> new ShipmentViews.BatchItem(o.index(), o.waybill(), o.error() == null ? null : problem(o.error())))
        .toList();
    ctx.json(new ShipmentViews.BatchView(results));
  }

  private static List<Object> typedItems(Context ctx) {
    try {
      TypedBatchBody typed = org.parcelveil.http.Json.mapper().readValue(ctx.bodyAsBytes(), TypedBatchBody.class);
      if (typed == null || typed.shipments() == null || typed.shipments().isEmpty()
          || typed.shipments().size() > MAX_BATCH || typed.shipments().contains(null)) {
        return null;
      }
      return new ArrayList<>(typed.shipments());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<Object> itemByItem(BatchBody body) {
    if (body.shipments() == null || body.shipments().isEmpty()) {
      throw ValidationException.of("shipments", "must hold at least one shipment");
    }
    if (body.shipments().size() > MAX_BATCH) {
      throw ValidationException.of("shipments", "must hold at most " + MAX_BATCH + " shipments");
    }
    List<Object> items = new ArrayList<>(body.shipments().size());
    for (JsonNode node : body.shipments()) {
      try {
        items.add(Requests.convert(node, ShipmentRequest.class));
      } catch (ApiException e) {
        items.add(new ValidationException(e.errors().isEmpty()
            ? List.of(new org.parcelveil.validation.FieldError("$", "is not a valid shipment")) : e.errors()));
      }
    }
    return items;
  }

  /** An item's problem, as the single creation would answer it (its type, title and detail, or its fields). */
  private static Map<String, Object> problem(ApiException e) {
    if (e.errors().isEmpty()) {
      return Map.of("type", "https://parcelveil.org/problems/" + e.type(), "title", e.title(), "status", e.status(),
          "detail", e.getMessage());
    }
    return Map.of("type", "https://parcelveil.org/problems/validation", "title", "Invalid shipment",
        "status", 400, "errors", e.errors());
  }

  record EventResult(String waybill, String state, ShipmentViews.EventView event) {}

  private void event(Context ctx) {
    Principal caller = Auth.principal(ctx);
    EventRequest request = Requests.body(ctx, EventRequest.class);
    Shipment s = visibility.require(caller, ctx.pathParam("waybill"), "event");
    ShipmentEvent e = lifecycle.record(caller, s, request);
    ctx.status(201).json(new EventResult(s.waybill(), EventType.valueOf(e.type()).next(s.state()).name(),
        ShipmentViews.EventView.of(e)));
  }

  /** The caller's own shipments, newest first, one page at a time (a merchant's list is scoped by the query). */
  private void list(Context ctx) {
    Principal merchant = Auth.principal(ctx);
    if (merchant.role() == Role.SUPPORT) {
      supportList(ctx, merchant);
      return;
    }
    if (ctx.queryParam("phone") != null) {
      // A merchant knows its customers' phones already; a search by phone would only help it probe other
      // merchants' parcels or collect a phone's history, so it is refused alike for every value (docs/lists.md).
      throw new ApiException(403, "forbidden", "Forbidden",
          "Search by phone is a support look-up; filter your own list by reference instead.", List.of(), Map.of());
    }
    Paging.Request page = Paging.of(ctx, "shipments");
    ShipmentFilter filter = ShipmentFilter.parse(ctx.queryParam("reference"), ctx.queryParam("state"),
        ctx.queryParam("createdFrom"), ctx.queryParam("createdTo"));
    ctx.json(shipments.list(merchant.id(), filter, page).map(l -> ShipmentViews.item(l,
        shipments.masked(l.shipment(), PartyRole.SENDER), shipments.masked(l.shipment(), PartyRole.RECIPIENT))));
  }

  /** Support's look-up across merchants, by phone or order reference under a ticket (each page audited). */
  private void supportList(Context ctx, Principal caller) {
    for (String filter : List.of("state", "createdFrom", "createdTo")) {
      if (ctx.queryParam(filter) != null) {
        throw ValidationException.of(filter, "is not a filter of support look-ups: give phone or reference");
      }
    }
    Paging.Request page = Paging.of(ctx, SupportSearch.LIST);
    SupportSearch.Query q = new SupportSearch.Query(ctx.queryParam("phone"), ctx.queryParam("reference"),
        ctx.queryParam("ticket"));
    ctx.json(support.find(caller, q, page).map(s -> ShipmentViews.item(new ShipmentRepository.Listed(s, null),
        shipments.masked(s, PartyRole.SENDER), shipments.masked(s, PartyRole.RECIPIENT))));
  }

  private void cancel(Context ctx) {
    Shipment s = cancellation.cancel(Auth.principal(ctx), ctx.pathParam("waybill"));
    ctx.json(new ShipmentViews.CancelledView(s.waybill(), s.state().name()));
  }

  private void get(Context ctx) {
    Principal caller = Auth.principal(ctx);
    Visibility.Seen seen = visibility.requireWithHistory(caller, ctx.pathParam("waybill"), "view");
    Shipment s = seen.shipment();
    List<ShipmentEvent> history = seen.history();
    observer.record(AccessEvent.of(AccessEvent.Kind.VIEW, caller, s.waybill(), "view", clock.instant()));
    ctx.json(ShipmentViews.detail(s, shipments.masked(s, PartyRole.SENDER), shipments.masked(s, PartyRole.RECIPIENT),
        history));
  }
}

package org.parcelveil.eventhooks;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.Access;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Role;
import org.parcelveil.webhook.DeliveryLog;

/**
 * {@code /v1/webhooks}: merchants and platforms subscribe a URL to their shipments' events, list and delete their
 * subscriptions, and read each one's delivery log.
 */
final class EventHookRoutes implements Routes {
  private final Subscriptions subscriptions;

  EventHookRoutes(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  record SubscribeBody(@Nullable String url, @Nullable List<String> events, @Nullable String waybill) {}

  record SubscriptionView(String id, String url, List<String> events, @Nullable String waybill, Instant createdAt) {
    static SubscriptionView of(Subscription s) {
      return new SubscriptionView(s.id(), s.url().toString(), s.events(), s.waybill(), s.createdAt());
    }
  }

  /** The answer to a subscription: its view and the secret, which is never shown again. */
  record CreatedView(String id, String secret, String url, List<String> events, @Nullable String waybill,
      Instant createdAt) {
    @Override
    public String toString() {
      return "CreatedView[" + id + ", secret=[REDACTED]]";
    }
  }


  record TryView(int attempt, Instant at, String outcome) {}

  record DeliveryView(String id, @Nullable String waybill, @Nullable String eventType, String status, int attempts,
      Instant createdAt, @Nullable Instant settledAt, @Nullable String lastOutcome, List<TryView> tries) {
    static DeliveryView of(DeliveryLog.Delivery d) {
      var call = EventCall.parse(d.payload());
      return new DeliveryView(d.id(), call.map(EventCall::waybill).orElse(null),
          call.map(EventCall::eventType).orElse(null), d.status(), d.attempts(), d.createdAt(), d.settledAt(),
          d.lastOutcome(), d.tries().stream().map(t -> new TryView(t.attempt(), t.at(), t.outcome())).toList());
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    var callers = Access.roles(Role.MERCHANT, Role.PLATFORM);
    routes.post("/v1/webhooks", this::subscribe, callers);
    routes.get("/v1/webhooks", this::list, callers);
    routes.delete("/v1/webhooks/{id}", this::delete, callers);
    routes.get("/v1/webhooks/{id}/deliveries", this::deliveries, callers);
  }

  private void subscribe(Context ctx) {
    SubscribeBody body = Requests.body(ctx, SubscribeBody.class);
    Subscriptions.Created c = subscriptions.create(Auth.principal(ctx), body.url(), body.events(), body.waybill());
    Subscription s = c.subscription();
    // The secret is in this answer only: no cache along the way may keep a copy.
    ctx.status(201).header("Cache-Control", "no-store").json(new CreatedView(s.id(), c.secret(), s.url().toString(), s.events(), s.waybill(),
        s.createdAt()));
  }

  private void list(Context ctx) {
    ctx.json(new Page<>(subscriptions.of(Auth.principal(ctx)).stream().map(SubscriptionView::of).toList(),
        null));
  }

  private void delete(Context ctx) {
    subscriptions.delete(Auth.principal(ctx), ctx.pathParam("id"));
    ctx.status(204);
  }

  private void deliveries(Context ctx) {
    Paging.Request request = Paging.of(ctx, "deliveries");
    ctx.json(subscriptions.deliveries(Auth.principal(ctx), ctx.pathParam("id"), request).map(DeliveryView::of));
  }
}

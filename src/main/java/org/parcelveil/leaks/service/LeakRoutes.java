package org.parcelveil.leaks.service;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Json;
import org.parcelveil.http.Paging;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.leaks.alert.Alert;
import org.parcelveil.leaks.alert.AlertState;
import org.parcelveil.leaks.alert.AlertView;
import org.parcelveil.leaks.alert.Alerts;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.canary.Canaries;
import org.parcelveil.webhook.WebhookSignature;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Phone;

/**
 * The leak defence's endpoints, for the security role: canaries, alerts, suspension and attribution; for admins, the
 * release of attribution runs held past their bounds; plus the signed webhook by which the telephony platform reports
 * calls to canary numbers. Also reports every authenticated
 * request (principal and client address) to the detectors.
 */
final class LeakRoutes implements Routes {
  private final Canaries canaries;
  private final Alerts alerts;
  private final AttributionRuns attributions;
  private final Principals principals;
  private final AccessObserver events;
  private final WebhookSignature lineSignature;
  private final Clock clock;

  LeakRoutes(Canaries canaries, Alerts alerts, AttributionRuns attributions, Principals principals,
      AccessObserver events, WebhookSignature lineSignature, Clock clock) {
    this.canaries = canaries;
    this.alerts = alerts;
    this.attributions = attributions;
    this.principals = principals;
    this.events = events;
    this.lineSignature = lineSignature;
    this.clock = clock;
  }

  record CanaryBody(String channel, Integer count) {}

  record CanaryCallBody(String number) {
    @Override
    public String toString() {
      return "CanaryCallBody[REDACTED]";
    }
  }

  record AttributionBody(List<LeakRecord> records) {
    @Override
    public String toString() {
      return "AttributionBody[REDACTED]";
    }
  }

  record Created(List<String> waybills) {}

  record CanaryView(String waybill, String channel, String createdAt) {}

  record Suspended(String principalId, boolean revoked, String alertId) {}

  record Acknowledged(String alertId, boolean changed) {}

  record Approved(String runId, String status) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.before(ctx -> Auth.caller(ctx).ifPresent(p -> events.record(
        AccessEvent.of(AccessEvent.Kind.REQUEST, p, null, null, clock.instant()).withClient(ctx.ip()))));
    routes.post("/v1/canaries", this::createCanaries, Access.roles(Role.SECURITY));
    routes.get("/v1/canaries", this::listCanaries, Access.roles(Role.SECURITY));
    // The telephony platform authenticates by signing its calls (checked in the handler).
    routes.post("/v1/canaries/calls", this::canaryCall, Access.ANYONE);
    routes.get("/v1/alerts", this::listAlerts, Access.roles(Role.SECURITY));
    routes.post("/v1/alerts/{id}/suspend", this::suspendAlert, Access.roles(Role.SECURITY));
    routes.post("/v1/alerts/{id}/acknowledge", this::acknowledgeAlert, Access.roles(Role.SECURITY));
    routes.post("/v1/principals/{id}/suspend", this::suspendPrincipal, Access.roles(Role.SECURITY));
    routes.post("/v1/attributions", this::attribute, Access.roles(Role.SECURITY));
    routes.get("/v1/attributions", this::heldAttributions, Access.roles(Role.ADMIN));
    routes.get("/v1/attributions/{id}", this::attributionResult, Access.roles(Role.SECURITY));
    routes.post("/v1/attributions/{id}/approve", this::approveAttribution, Access.roles(Role.ADMIN));
  }

  private void createCanaries(Context ctx) {
    Principal p = Auth.principal(ctx);
    CanaryBody body = Requests.body(ctx, CanaryBody.class);
    ctx.status(201).json(new Created(canaries.create(p, body.channel(), body.count())));
  }

  private void listCanaries(Context ctx) {
    ctx.json(Paging.of(Paging.of(ctx, "canaries"), canaries.all(), c -> c.waybill(), Comparator.naturalOrder())
        .map(c -> new CanaryView(c.waybill(), c.channel(), c.createdAt().toString())));
  }

  /** The telephony platform reports a call to a number of the canary range: any such call is a touch. */
  private void canaryCall(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (!lineSignature.verify(ctx.header("X-PV-Timestamp"), ctx.header("X-PV-Signature"), body, clock.instant())) {
      throw ApiException.unauthorized();
    }
    CanaryCallBody call;
    try {
      call = Json.mapper().readValue(body, CanaryCallBody.class);
    } catch (Exception e) {
      throw ApiException.badRequest("The body must be {number}.");
    }
    if (call == null || call.number() == null) {
      throw ApiException.badRequest("The body must be {number}.");
    }
    Phone number = Phone.parse("number", call.number());
    Instant now = clock.instant();
    canaries.byPhone(number).forEach(w -> events.record(
        new AccessEvent(now, AccessEvent.Kind.CANARY_CALL, null, null, null, w, null, null, "call to its number")));
    ctx.status(204);
  }

  private void listAlerts(Context ctx) {
    Paging.Request page = Paging.of(ctx, "alerts");
    String since = ctx.queryParam("since");
    Instant from;
    try {
      from = since == null ? clock.instant().minus(Duration.ofDays(7)) : Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw ValidationException.of("since", "must be an RFC 3339 UTC time such as 2026-11-29T08:00:00Z");
    }
    String state = ctx.queryParam("state");
    AlertState wanted = state == null ? null : AlertState.parse(state)
        .orElseThrow(() -> ValidationException.of("state", "must be open, acknowledged or suspended"));
    // Oldest first, as raised; the id breaks ties.
    ctx.json(alerts.page(from, wanted, ctx.queryParam("kind"), page).map(AlertView::of));
  }

  private void acknowledgeAlert(Context ctx) {
    Principal p = Auth.principal(ctx);
    Alert a = alerts.find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("No such alert."));
    ctx.json(new Acknowledged(a.id(), alerts.acknowledge(p, a)));
  }

  private void suspendAlert(Context ctx) {
    Principal p = Auth.principal(ctx);
    Alert a = alerts.find(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("No such alert."));
    if (a.principalId() == null) {
      throw ApiException.conflict("This alert names no principal to suspend.");
    }
    boolean revoked = alerts.suspend(p, a);
    ctx.json(new Suspended(a.principalId(), revoked, a.id()));
  }

  private void suspendPrincipal(Context ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    if (principals.find(id).isEmpty()) {
      throw ApiException.notFound("No such principal.");
    }
    ctx.json(new Suspended(id, alerts.suspendPrincipal(p, id), null));
  }

  private void attribute(Context ctx) {
    Principal p = Auth.principal(ctx);
    AttributionBody body = Requests.body(ctx, AttributionBody.class);
    List<LeakRecord> records = body.records() == null ? List.of() : body.records();
    answer(ctx, attributions.run(p, records.iterator()));
  }

  /** A held run answers 202 (accepted, not yet released) with its status only; a released one 200 with its result. */
  private static void answer(Context ctx, AttributionViews.ReportView view) {
    ctx.status(view.pending() ? 202 : 200).json(view);
  }

  /** The requester's own run: held, or released with its result. Anyone else's is not found. */
  private void attributionResult(Context ctx) {
    Principal p = Auth.principal(ctx);
    answer(ctx, attributions.result(p, ctx.pathParam("id"))
        .orElseThrow(() -> ApiException.notFound("No such attribution run of yours.")));
  }

  /** The admins' queue of held runs. */
  private void heldAttributions(Context ctx) {
    String status = ctx.queryParam("status");
    if (status != null && !status.equals("pending")) {
      throw ValidationException.of("status", "must be pending");
    }
    ctx.json(Paging.of(Paging.of(ctx, "attributions"), attributions.held(),
        h -> Paging.timePosition(Instant.parse(h.at()), h.runId()), Comparator.naturalOrder()));
  }

  /** A second person releases a held run: an admin, never its requester. */
  private void approveAttribution(Context ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    switch (attributions.approve(p, id)) {
      case APPROVED -> ctx.json(new Approved(id, "released"));
      case NOT_FOUND -> throw ApiException.notFound("No such attribution run.");
      case OWN_RUN -> throw ApiException.forbidden("A run is released by someone other than its requester.");
      case NOT_PENDING -> throw ApiException.conflict("This run is not waiting for approval.");
    }
  }
}

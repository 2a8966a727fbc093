package org.parcelveil.relay;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Json;
import org.parcelveil.http.Routes;
import org.parcelveil.shipment.NoSuchShipment;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.webhook.WebhookSignature;

/** {@code POST /v1/shipments/{waybill}/contact} for couriers (and merchants of sealed shipments) and {@code POST /v1/relay/route} for the telephony platform. */
public final class RelayRoutes implements Routes {
  private final Relay relay;
  private final Shipments shipments;
  private final Visibility visibility;
  private final WebhookSignature signature;
  private final Clock clock;

  public RelayRoutes(Relay relay, Shipments shipments, Visibility visibility, WebhookSignature signature, Clock clock) {
    this.relay = relay;
    this.shipments = shipments;
    this.visibility = visibility;
    this.signature = signature;
    this.clock = clock;
  }

  record ContactView(String number, String extension, String expiresAt, long auditIndex) {}

  record RouteBody(String number, String extension, String callerNumber) {
    @Override
    public String toString() {
      return "RouteBody[REDACTED]";
    }
  }

  record RouteView(String action, String target, String reason) {
    @Override
    public String toString() {
      return "RouteView[" + action + "]";
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/shipments/{waybill}/contact", this::contact, Access.roles(Role.COURIER, Role.MERCHANT));
    // The telephony platform authenticates by signing its calls (checked in the handler).
    routes.post("/v1/relay/route", this::route, Access.ANYONE);
  }

  private void contact(Context ctx) {
    Principal p = Auth.principal(ctx);
    Shipment s = shipments.find(ctx.pathParam("waybill")).orElseThrow(NoSuchShipment::problem);
    try {
      Relay.Contact c = relay.contact(p, s);
      ctx.json(new ContactView(c.number(), c.extension(), c.expiresAt().toString(), c.auditIndex()));
    } catch (Relay.RefusedException e) {
      // The refusal is logged with its reason either way; a courier who may not see the parcel learns nothing of it.
      if (!visibility.canSee(p, s)) {
        throw NoSuchShipment.problem();
      }
      throw new ApiException(403, "disclosure-refused", "Contact refused",
          "The relay refuses this request: " + e.reason() + ".", List.of(),
          Map.of("reason", e.reason(), "auditIndex", e.auditIndex()));
    }
  }

  private void route(Context ctx) throws Exception {
    byte[] body = ctx.bodyAsBytes();
    if (!signature.verify(ctx.header("X-PV-Timestamp"), ctx.header("X-PV-Signature"), body, clock.instant())) {
      throw ApiException.unauthorized();
    }
    RouteBody r;
    try {
      r = Json.mapper().readValue(body, RouteBody.class);
    } catch (Exception e) {
      throw ApiException.badRequest("The body must be {number, extension, callerNumber}.");
    }
    if (r.number() == null || r.extension() == null || r.callerNumber() == null) {
      throw ApiException.badRequest("The body must be {number, extension, callerNumber}.");
    }
    Relay.Routing routing = relay.route(r.number(), r.extension(), r.callerNumber());
    ctx.header("Cache-Control", "no-store")
        .json(new RouteView(routing.connect() ? "connect" : "reject", routing.target(), routing.reason()));
  }
}

package org.parcelveil.pickup;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.HttpProblems;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.EventType;
import org.parcelveil.shipment.ShipmentEvent;

/**
 * {@code POST /v1/shipments/{waybill}/handover}: the station holding a parcel hands it to the recipient on their
 * pickup code and phone digits. Maps the refusals of codes and PINs (also of {@code DELIVERED} events) to problems.
 */
public final class PickupRoutes implements Routes {
  private final Handovers handovers;

  public PickupRoutes(Handovers handovers) {
    this.handovers = handovers;
  }

  /** The answer: the parcel is delivered, by this event. */
  record HandoverResult(String waybill, String state, String at, String stationCode) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/shipments/{waybill}/handover", this::handover, Access.roles(Role.STATION));
    routes.exception(HandoverRefusedException.class, (e, ctx) -> HttpProblems.send(ctx, problem(e)));
  }

  private void handover(Context ctx) {
    HandoverRequest request = Requests.body(ctx, HandoverRequest.class);
    ShipmentEvent e = handovers.handover(Auth.principal(ctx), ctx.pathParam("waybill"), request);
    ctx.status(201).json(new HandoverResult(e.waybill(), EventType.DELIVERED.name(), e.at().toString(),
        e.stationCode()));
  }

  private static ApiException problem(HandoverRefusedException e) {
    return switch (e.kind()) {
      case NO_MATCH -> new ApiException(422, "code-mismatch", "Code does not match", e.getMessage(), List.of(),
          Map.of());
      case EXPIRED -> new ApiException(410, "code-expired", "Code expired", e.getMessage(), List.of(), Map.of());
      case TOO_MANY_TRIES -> new ApiException(429, "too-many-tries", "Too many tries", e.getMessage(), List.of(),
          Map.of());
      case NO_CODE -> new ApiException(409, "no-live-code", "No live code", e.getMessage(), List.of(), Map.of());
    };
  }
}

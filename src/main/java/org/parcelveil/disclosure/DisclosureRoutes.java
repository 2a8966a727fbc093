package org.parcelveil.disclosure;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Principal;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.shipment.NoSuchShipment;

/** {@code POST /v1/shipments/{waybill}/reveal}. */
public final class DisclosureRoutes implements Routes {
  private final Disclosures disclosures;

  public DisclosureRoutes(Disclosures disclosures) {
    this.disclosures = disclosures;
  }

  record RevealView(PartyView party, long auditIndex) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/shipments/{waybill}/reveal", this::reveal, Access.ANY_ROLE);
  }

  private void reveal(Context ctx) {
    Principal p = Auth.principal(ctx);
    RevealRequest r = Requests.body(ctx, RevealRequest.class);
    try {
      Disclosures.Revealed revealed = disclosures.reveal(p, ctx.pathParam("waybill"), r);
      ctx.header("Cache-Control", "no-store").json(new RevealView(revealed.party(), revealed.auditIndex()));
    } catch (RefusedException e) {
      throw refusal(e);
    }
  }

  static ApiException refusal(RefusedException e) {
    if (e.hidden()) {
      return NoSuchShipment.problem();
    }
    // budget_exceeded stays the reason for both budgets (clients rely on it); "budget" and "limit" tell them apart.
    Map<String, Object> ext = e.budget() == null ? Map.of("reason", e.reason(), "auditIndex", e.auditIndex())
        : Map.of("reason", e.reason(), "auditIndex", e.auditIndex(), "budget", e.budget().budget().wireName(),
            "limit", e.budget().limit());
    if (e.gone()) {
      return new ApiException(410, "shredded", "Gone",
          "The personal data of this shipment has been destroyed at the end of its retention.", List.of(), ext);
    }
    return new ApiException(403, "disclosure-refused", "Disclosure refused",
        "The disclosure policy refuses this request: " + e.reason() + ".", List.of(), ext);
  }
}

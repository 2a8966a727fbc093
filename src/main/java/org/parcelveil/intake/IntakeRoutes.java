package org.parcelveil.intake;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PersonInput;

/**
 * {@code GET /v1/intake/key}, public (they are public keys): the keys marketplaces seal recipients to; and
 * {@code POST /v1/orders} for platforms that register an order's recipient instead of sealing it.
 */
public final class IntakeRoutes implements Routes {
  private final IntakeKeys keys;
  private final Orders orders;

  public IntakeRoutes(IntakeKeys keys, Orders orders) {
    this.keys = keys;
    this.orders = orders;
  }

  record KeyView(String keyId, String kem, String publicKey, String notAfter) {}

  record KeysView(List<KeyView> keys) {}

  record OrderBody(String merchant, String orderId, PersonInput recipient) {
    @Override
    public String toString() {
      return "OrderBody[" + orderId + ", recipient=[REDACTED]]";
    }
  }

  record OrderView(String handle, String orderId, String merchant, Masked recipient) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/v1/intake/key", this::publish, Access.ANYONE);
    routes.post("/v1/orders", this::registerOrder, Access.roles(Role.PLATFORM));
  }

  private void publish(Context ctx) {
    ctx.json(new KeysView(keys.live().stream()
        .map(k -> new KeyView(k.keyId(), "X25519", SealedValue.encode(k.publicKey()),
            k.notAfter().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
        .toList()));
  }

  private void registerOrder(Context ctx) {
    Principal platform = Auth.principal(ctx);
    OrderBody body = Requests.body(ctx, OrderBody.class);
    Orders.Registered r = orders.register(platform, body.merchant(), body.orderId(), body.recipient());
    ctx.status(r.created() ? 201 : 200).json(new OrderView(r.handle(), body.orderId(), body.merchant(), r.preview()));
  }
}

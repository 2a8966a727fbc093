package org.parcelveil.intake;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.parcelveil.http.Routes;

/** {@code GET /v1/intake/key}: the keys marketplaces seal recipients to. Public: they are public keys. */
public final class IntakeRoutes implements Routes {
  private final IntakeKeys keys;

  public IntakeRoutes(IntakeKeys keys) {
    this.keys = keys;
  }

  record KeyView(String keyId, String kem, String publicKey, String notAfter) {}

  record KeysView(List<KeyView> keys) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/v1/intake/key", this::publish);
  }

  private void publish(Context ctx) {
    ctx.json(new KeysView(keys.live().stream()
        .map(k -> new KeyView(k.keyId(), "X25519", SealedValue.encode(k.publicKey()), k.notAfter().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
        .toList()));
  }
}

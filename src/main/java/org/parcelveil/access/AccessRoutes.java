package org.parcelveil.access;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.parcelveil.http.Access;
import java.util.Comparator;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Paging;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/** {@code /v1/principals}: accounts, created and revoked by admins. */
public final class AccessRoutes implements Routes {
  private final Principals principals;

  public AccessRoutes(Principals principals) {
    this.principals = principals;
  }

  record PrincipalBody(String role, String name, String stationCode, String phone) {
    @Override
    public String toString() {
      return "PrincipalBody[" + role + "]";
    }
  }

  record CreatedView(String id, String role, String name, String stationCode, String token) {
    @Override
    public String toString() {
      return "CreatedView[" + id + "]";
    }
  }

  record PrincipalView(String id, String role, String name, String stationCode, String createdAt, String revokedAt) {
    static PrincipalView of(Principal p) {
      return new PrincipalView(p.id(), p.role().wireName(), p.name(), p.stationCode(), p.createdAt().toString(),
          p.revokedAt() == null ? null : p.revokedAt().toString());
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/principals", this::create, Access.roles(Role.ADMIN));
    routes.get("/v1/principals", this::list, Access.roles(Role.ADMIN));
    routes.delete("/v1/principals/{id}", this::revoke, Access.roles(Role.ADMIN));
  }

  private void create(Context ctx) {
    Principal admin = Auth.principal(ctx);
    PrincipalBody body = Requests.body(ctx, PrincipalBody.class);
    Principals.Created c = principals.create(admin, body.role(), body.name(), body.stationCode(), body.phone());
    Principal p = c.principal();
    ctx.status(201).json(new CreatedView(p.id(), p.role().wireName(), p.name(), p.stationCode(), c.token()));
  }

  private void list(Context ctx) {
    // Oldest first, as created; the id breaks ties.
    ctx.json(Paging.of(Paging.of(ctx, "principals"), principals.all(),
        p -> Paging.timePosition(p.createdAt(), p.id()), Comparator.naturalOrder()).map(PrincipalView::of));
  }

  private void revoke(Context ctx) {
    Principal admin = Auth.principal(ctx);
    String id = ctx.pathParam("id");
    if (principals.find(id).isEmpty()) {
      throw ApiException.notFound("No such principal.");
    }
    principals.revoke(admin, id);
    ctx.status(204);
  }
}

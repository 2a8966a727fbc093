package org.parcelveil.network;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import java.util.Comparator;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Paging;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Area;

/** {@code /v1/stations}: the network, managed by admins. */
public final class NetworkRoutes implements Routes {
  private final Network network;

  public NetworkRoutes(Network network) {
    this.network = network;
  }

  record AreaBody(String province, String city, String district) {}

  record StationBody(String code, String name, String kind, AreaBody area) {}

  record StationView(String code, String name, String kind, AreaBody area) {
    static StationView of(Station s) {
      return new StationView(s.code(), s.name(), s.kind().name(),
          new AreaBody(s.area().province(), s.area().city(), s.area().district()));
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/stations", this::create, Access.roles(Role.ADMIN));
    routes.get("/v1/stations", this::list, Access.ANY_ROLE);
  }

  private void create(Context ctx) {
    StationBody body = Requests.body(ctx, StationBody.class);
    Check check = new Check();
    Area area = body.area() == null ? null
        : Area.parse(check, "area", body.area().province(), body.area().city(), body.area().district());
    if (body.area() == null) {
      check.fail("area", "is required");
    }
    check.throwIfInvalid();
    try {
      Station s = network.create(body.code(), body.name(), body.kind(), area);
      ctx.status(201).json(StationView.of(s));
    } catch (Network.DuplicateStationException e) {
      throw ApiException.conflict("A station with this code exists already.");
    }
  }

  private void list(Context ctx) {
    // Stations page by code: the list every node and console reads whole is short, and read whole here too.
    ctx.json(Paging.of(Paging.of(ctx, "stations"), network.all(), Station::code, Comparator.naturalOrder())
        .map(StationView::of));
  }
}

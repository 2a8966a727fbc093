package org.parcelveil.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.parcelveil.http.Access;
import org.parcelveil.http.Routes;
import org.parcelveil.store.Database;

/** {@code /health} and {@code /openapi.json}, open to all, and {@code /metrics}, for the operator only. */
final class OperationsRoutes implements Routes {
  private final PrometheusMeterRegistry meters;
  private final Database database;
  private final MetricsAccess metricsAccess;

  OperationsRoutes(PrometheusMeterRegistry meters, Database database, MetricsAccess metricsAccess) {
    this.meters = meters;
    this.database = database;
    this.metricsAccess = metricsAccess;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/health", this::health, Access.ANYONE);
    // The metrics token is no principal's: the route checks it itself.
    routes.get("/metrics", this::metrics, Access.OWN_TOKEN);
    routes.get("/openapi.json", this::openapi, Access.ANYONE);
  }

  private void metrics(Context ctx) {
    metricsAccess.require(ctx.header("Authorization"));
    ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(meters.scrape());
  }

  private void health(Context ctx) {
    boolean db;
    try (Connection c = database.connection()) {
      db = c.isValid(2);
    } catch (SQLException e) {
      db = false;
    }
    ctx.status(db ? 200 : 503).json(Map.of("status", db ? "UP" : "DOWN", "database", db ? "UP" : "DOWN"));
  }

  private void openapi(Context ctx) throws IOException {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream("/openapi.json")) {
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }
}

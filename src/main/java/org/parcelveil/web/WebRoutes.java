package org.parcelveil.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Consumer;
import org.parcelveil.http.Routes;

/**
 * The console's routes under {@code /console}, and the recipients' privacy page under {@code /privacy}. Every console response is {@code no-store} (pages may hold masked
 * or, after a reveal, plain data) and carries a content security policy that allows this origin only.
 */
final class WebRoutes implements Routes {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final List<Consumer<RoutesConfig>> features;
  private final StaticFiles statics = new StaticFiles();

  WebRoutes(List<Consumer<RoutesConfig>> features) {
    this.features = features;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before("/console", WebRoutes::headers);
    routes.before("/console/*", WebRoutes::headers);
    // The recipients' privacy page shows their own shipments and export: the same rules as the console's.
    routes.before("/privacy", WebRoutes::headers);
    routes.before("/privacy/*", WebRoutes::headers);
    routes.get("/console/static/{file}", statics::serve);
    features.forEach(f -> f.accept(routes));
  }

  private static void headers(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
  }
}

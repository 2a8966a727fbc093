package org.parcelveil.http;

import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parcelveil.store.StoreException;
import org.parcelveil.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door: request ids, JSON, authentication, problem documents, request logs and metrics. It knows no
 * feature; features hand it their {@link Routes}.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final String UNMATCHED = "(unmatched)";

  private final Javalin app;
  private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile List<ParsedEndpoint> ownTokenEndpoints;

  public HttpServer(HttpSettings settings, Authenticator authenticator, MeterRegistry meters, List<Routes> features) {
    this.app = Javalin.create(config -> {
      config.jsonMapper(new JavalinJackson(Json.mapper(), false));
      config.http.maxRequestSize = settings.maxBodyBytes();
      config.startup.showJavalinBanner = false;
      // A known path asked with a method it does not take is a 405 with Allow, not a 404: the path exists.
      config.http.prefer405over404 = true;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.jetty.modifyServletContextHandler(handler ->
          handler.addFilter(new RequestIds(), "/*", EnumSet.of(DispatcherType.REQUEST)));
      config.routes.before(ctx -> {
        secureHeaders(ctx);
        requireJson(ctx);
        if (!readsOwnToken(ctx, ownTokenEndpoints(config.unsafe.internalRouter), config.unsafe.internalRouter)) {
          authenticate(ctx, authenticator);
        }
      });
      // The one access check: the matched route's declared Access against the authenticated caller.
      config.routes.beforeMatched(Auth::authorize);
      config.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e));
      config.routes.exception(ValidationException.class, (e, ctx) -> problem(ctx, ApiException.invalid(e.errors())));
      config.routes.exception(StoreException.class, (e, ctx) -> {
        if (e.valueRefused()) {
          // A safety net behind validation: a value the database cannot store is the request's fault, and the
          // transaction that tried to store it was rolled back.
          LOG.warn("value refused by the database at {} {}: {}", ctx.method(), routeOf(ctx), e.getMessage());
          problem(ctx, new ApiException(400, "invalid-value", "Invalid value",
              "A value in the request cannot be stored as given."));
          return;
        }
        if (e.unsupported()) {
          // The database refused the statement itself (e.g. SQL Citus cannot distribute): a defect, not an outage,
          // so it is neither reported as "unavailable" nor invited to be retried.
          LOG.error("statement refused by the database at {} {}: {} (SQL state {})", ctx.method(), routeOf(ctx),
              e.getMessage(), e.sqlState());
          problem(ctx, new ApiException(500, "internal", "Internal error", "The request could not be completed."));
          return;
        }
        LOG.warn("database unavailable at {} {}: {}", ctx.method(), routeOf(ctx), e.getMessage());
        problem(ctx, unavailable("The database is unavailable; retry shortly."));
      });
      config.routes.exception(HttpResponseException.class, (e, ctx) -> {
        if (e.getStatus() == 405) {
          ctx.header("Allow", allowed(ctx.path(), config.unsafe.internalRouter));
        }
        problem(ctx, translate(e));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        // The exception's message may quote input; log its type and origin only.
        LOG.error("unhandled {} at {} {} {}", e.getClass().getName(), ctx.method(), routeOf(ctx), redacted(e));
        problem(ctx, new ApiException(500, "internal", "Internal error", "The request could not be completed."));
      });
      config.routes.error(404, ctx -> {
        String type = ctx.res().getContentType();
        // Problems and pages that say "not found" themselves (public tracking) are kept as they are.
        if (type == null || !(type.startsWith("application/problem+json") || type.startsWith("text/html"))) {
          problem(ctx, ApiException.notFound("No such resource."));
        }
      });
      config.routes.error(405, ctx -> problem(ctx,
          new ApiException(405, "method-not-allowed", "Method not allowed", "This method is not allowed here.")));
      config.requestLogger.http((ctx, ms) -> record(ctx, ms, meters));
      features.forEach(f -> f.register(config.routes));
    });
  }

  public HttpServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void secureHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (ctx.path().startsWith("/v1/")) {
      // API responses may carry personal data; nothing on the way may keep them.
      ctx.header("Cache-Control", "no-store");
    }
  }

  /**
   * The API reads JSON only: a body under {@code /v1/} that does not say it is JSON is refused before any route
   * sees it, so a form post from another site's page (which a browser sends without asking) never reaches the API
   * as if it were JSON. Requests without a body need no type.
   */
  private static void requireJson(Context ctx) {
    String method = ctx.method().name();
    if (!ctx.path().startsWith("/v1/") || !(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))
        || !hasBody(ctx)) {
      return;
    }
    String type = ctx.header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
      throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "The request body must be JSON, sent as Content-Type: application/json.");
    }
  }

  private static boolean hasBody(Context ctx) {
    return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
  }

  /**
   * Whether the route this request will reach declared {@link Access#OWN_TOKEN}. Principal authentication runs
   * before routing (so every later handler, and the request counts of the leak detectors, sees the caller), hence
   * the look-up of the route here. Matching every route twice per request was a visible part of a scan's cost, so
   * the few routes that read their own token are tried first: only when one of them matches is the route the
   * router will pick looked up (another route registered earlier may match the same path and win).
   */
  private static boolean readsOwnToken(Context ctx, List<ParsedEndpoint> ownToken, InternalRouter router) {
    if (ownToken.stream().noneMatch(e -> e.endpoint.method == ctx.method() && e.matches(ctx.path()))) {
      return false;
    }
    List<ParsedEndpoint> matches = router.findHttpHandlerEntries(ctx.method(), ctx.path());
    if (matches.isEmpty()) {
      return false;
    }
    Roles declared = matches.get(0).endpoint.metadata(Roles.class);
    return declared != null && Auth.ownToken(declared.getRoles());
  }

  /** The routes that declared {@link Access#OWN_TOKEN}, collected once the features have registered theirs. */
  private List<ParsedEndpoint> ownTokenEndpoints(InternalRouter router) {
    List<ParsedEndpoint> found = ownTokenEndpoints;
    if (found == null) {
      found = router.allHttpHandlers().stream().filter(e -> {
        Roles declared = e.endpoint.metadata(Roles.class);
        return declared != null && Auth.ownToken(declared.getRoles());
      }).toList();
      ownTokenEndpoints = found;
    }
    return found;
  }

  /** The methods some route takes at {@code path}, for the Allow header of a 405. */
  private static String allowed(String path, InternalRouter router) {
    return router.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod() && e.matches(path))
        .map(e -> e.endpoint.method.name())
        .distinct().sorted().collect(java.util.stream.Collectors.joining(", "));
  }

  /** Every route the features registered, as {@code METHOD /path/{param}}: what the contract must describe. */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod())
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
  }

  private static void authenticate(Context ctx, Authenticator authenticator) {
    String header = ctx.header("Authorization");
    if (header == null) {
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized();
    }
    String token = header.substring(7).trim();
    ctx.attribute(Auth.ATTRIBUTE, authenticator.authenticate(token).orElseThrow(ApiException::unauthorized));
  }

  /** Sends {@code e} as a problem document (for exception handlers that features register). */
  static void problem(Context ctx, ApiException e) {
    if (e.status() != 413) {
      drainBody(ctx);
    }
    ctx.status(e.status());
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (e.status() == 503) {
      ctx.header("Retry-After", "2");
    }
    ctx.contentType("application/problem+json");
    ctx.result(writeProblem(Problem.of(e)));
  }

  /**
   * Reads what is left of a refused request's body (it is bounded by the size limit). Otherwise the server closes
   * the connection when the body has not fully arrived yet, and whether an answer says {@code Connection: close}
   * would depend on timing and on how far a request got before it was refused: a difference an outsider can see.
   */
  private static void drainBody(Context ctx) {
    try {
      ctx.bodyAsBytes();
    } catch (RuntimeException unreadable) {
      // Too large or cut off: the connection closes either way.
    }
  }

  private static String writeProblem(Problem p) {
    try {
      return Json.mapper().writeValueAsString(p);
    } catch (Exception impossible) {
      return "{\"status\":" + p.status() + "}";
    }
  }

  static ApiException unavailable(String detail) {
    return new ApiException(503, "unavailable", "Service unavailable", detail, List.of(), Map.of());
  }

  private static ApiException translate(HttpResponseException e) {
    int status = e.getStatus();
    return switch (status) {
      case 413 -> new ApiException(413, "too-large", "Payload too large", "The request body exceeds the limit.");
      case 404 -> ApiException.notFound("No such resource.");
      case 405 -> new ApiException(405, "method-not-allowed", "Method not allowed", "This method is not allowed here.");
      default -> status >= 500
          ? new ApiException(status, "internal", "Internal error", "The request could not be completed.")
          : new ApiException(status, "bad-request", "Bad request", "The request was not accepted.", List.of(), Map.of());
    };
  }

  private void record(Context ctx, Float ms, MeterRegistry meters) {
    String route = routeOf(ctx);
    int status = ctx.statusCode();
    String method = ctx.method().name();
    // One timer per method, route and status, looked up rather than built and registered on every request.
    timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("http.server.requests")
            .tag("method", method)
            .tag("route", route)
            .tag("status", Integer.toString(status))
            .register(meters))
        .record((long) (ms * 1000), TimeUnit.MICROSECONDS);
    if (status >= 500) {
      LOG.warn("{} {} -> {} in {} ms", ctx.method(), route, status, String.format("%.1f", ms));
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} -> {} in {} ms", ctx.method(), route, status, String.format("%.1f", ms));
    }
  }

  /** The route template (e.g. {@code /v1/shipments/{waybill}}), never the raw path, which may carry data. */
  static String routeOf(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return UNMATCHED;
    }
  }

  private static String redacted(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? "" : "(" + trace[0] + ")";
  }
}

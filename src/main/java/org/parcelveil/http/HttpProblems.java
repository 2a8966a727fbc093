package org.parcelveil.http;

import io.javalin.http.Context;

/** Lets a feature's own exception handlers answer with the same problem documents as the server's. */
public final class HttpProblems {
  private HttpProblems() {}

  public static void send(Context ctx, ApiException e) {
    HttpServer.problem(ctx, e);
  }

  /** 503 with {@code Retry-After}: a dependency failed and nothing was done; the caller may retry shortly. */
  public static ApiException unavailable(String detail) {
    return HttpServer.unavailable(detail);
  }

  /** The matched route's template, for logs: never the raw path, which may carry data. */
  public static String route(Context ctx) {
    return HttpServer.routeOf(ctx);
  }
}

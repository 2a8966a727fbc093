package org.parcelveil.http;

import io.javalin.http.Context;

/** Lets a feature's own exception handlers answer with the same problem documents as the server's. */
public final class HttpProblems {
  private HttpProblems() {}

  public static void send(Context ctx, ApiException e) {
    HttpServer.problem(ctx, e);
  }
}

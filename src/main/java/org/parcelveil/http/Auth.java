package org.parcelveil.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;
import org.parcelveil.identity.Principal;

/** Who is calling, and the one check of a route's declared {@link Access} against it. */
public final class Auth {
  static final String ATTRIBUTE = "pv.principal";

  private Auth() {}

  /** The authenticated caller, if the request carried a valid token. */
  public static Optional<Principal> caller(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /**
   * The caller of a route declared for principals ({@link Access#roles} or {@link Access#ANY_ROLE}): the server
   * admitted them before the handler ran, so there is one.
   */
  public static Principal principal(Context ctx) {
    return caller(ctx).orElseThrow(ApiException::unauthorized);
  }

  /**
   * Checks the matched route's declaration: nothing for open routes; otherwise 401 without a valid token and 403
   * for a role the route does not name. Routes that declare nothing are console pages, which check their own
   * sign-in session.
   */
  static void authorize(Context ctx) {
    Set<RouteRole> declared = ctx.routeRoles();
    if (declared.isEmpty() || declared.contains(Access.ANYONE) || declared.contains(Access.OWN_TOKEN)) {
      return;
    }
    Principal p = principal(ctx);
    if (declared.contains(Access.ANY_ROLE)) {
      return;
    }
    if (declared.stream().noneMatch(r -> r instanceof Access.Only only && only.role() == p.role())) {
      throw ApiException.forbidden("This endpoint is not available to the " + p.role().wireName() + " role.");
    }
  }

  /** Whether the route declared that it reads its own bearer token (principal authentication leaves it alone). */
  static boolean ownToken(Set<RouteRole> declared) {
    return declared.contains(Access.OWN_TOKEN);
  }
}

package org.parcelveil.http;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import org.parcelveil.identity.Role;

/**
 * Who may call a route: declared where the route is registered, checked once by {@link HttpServer} before the
 * handler runs (401 without a valid token, 403 for another role). Every API route declares one.
 */
public sealed interface Access extends RouteRole {
  /** Open to anyone, with or without a token (public tracking, the audit checkpoint, signed webhooks). */
  Access ANYONE = Open.ANYONE;
  /** Any authenticated principal, whatever its role. */
  Access ANY_ROLE = Open.ANY_ROLE;
  /**
   * The route reads a bearer token of its own, not a principal's (a data subject's session, the metrics token):
   * principal authentication leaves its requests alone and the route authenticates its caller itself.
   */
  Access OWN_TOKEN = Open.OWN_TOKEN;

  /** Principals holding one of {@code roles}. */
  static RouteRole[] roles(Role... roles) {
    if (roles.length == 0) {
      throw new IllegalArgumentException("a route open to principals names at least one role");
    }
    return Arrays.stream(roles).map(Only::new).toArray(RouteRole[]::new);
  }

  /** The declarations that name no role. */
  enum Open implements Access { ANYONE, ANY_ROLE, OWN_TOKEN }

  /** Open to principals of this one role. */
  record Only(Role role) implements Access {}
}

package org.parcelveil.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/** Route-side access checks: who is calling, and are they allowed here. */
public final class Auth {
  static final String ATTRIBUTE = "pv.principal";

  private Auth() {}

  /** The authenticated caller, if the request carried a valid token. */
  public static Optional<Principal> caller(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /** The caller, who must hold one of {@code roles}: 401 without a valid token, 403 with another role. */
  public static Principal require(Context ctx, Role... roles) {
    Principal p = caller(ctx).orElseThrow(ApiException::unauthorized);
    if (roles.length > 0 && Arrays.stream(roles).noneMatch(r -> r == p.role())) {
      throw ApiException.forbidden("This endpoint is not available to the " + p.role().wireName() + " role.");
    }
    return p;
  }
}

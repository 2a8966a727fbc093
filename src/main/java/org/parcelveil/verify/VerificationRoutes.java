package org.parcelveil.verify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.parcelveil.access.Principal;
import org.parcelveil.access.Role;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.tracking.RateLimiter;

/** {@code POST /v1/verifications}, for platforms only, within each platform's request budget. */
public final class VerificationRoutes implements Routes {
  private final Verifier verifier;
  private final RateLimiter limits;

  public VerificationRoutes(Verifier verifier, VerificationSettings settings, Clock clock) {
    this.verifier = verifier;
    this.limits = new RateLimiter(settings.perPlatform(), clock);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/verifications", this::verify);
  }

  private void verify(Context ctx) {
    Principal platform = Auth.require(ctx, Role.PLATFORM);
    long wait = limits.take(platform.id());
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      throw new ApiException(429, "too-many-requests", "Too many requests",
          "This platform's verification budget is spent for now; retry after the time in Retry-After.", List.of(),
          Map.of());
    }
    VerificationRequest request = Requests.body(ctx, VerificationRequest.class);
    ctx.json(verifier.verify(platform, request));
  }
}

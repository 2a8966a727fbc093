package org.parcelveil.verify;

import io.javalin.config.RoutesConfig;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.tracking.RateLimiter;

/** {@code POST /v1/verifications}, for platforms only, within each platform's request budget. */
public final class VerificationRoutes implements Routes {
  private final Verifier verifier;
  private final RateLimiter limits;
  private final AccessObserver observer;
  private final Clock clock;

  public VerificationRoutes(Verifier verifier, VerificationSettings settings, Clock clock) {
    this(verifier, settings, clock, e -> { });
  }

  /** As above, telling the leak detectors of every verdict (probing platforms, canary claims). */
  public VerificationRoutes(Verifier verifier, VerificationSettings settings, Clock clock, AccessObserver observer) {
    this.observer = observer;
    this.clock = clock;
    this.verifier = verifier;
    this.limits = new RateLimiter(settings.perPlatform(), clock);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/verifications", this::verify, Access.roles(Role.PLATFORM));
  }

  private void verify(Context ctx) {
    Principal platform = Auth.principal(ctx);
    long wait = limits.take(platform.id());
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      throw new ApiException(429, "too-many-requests", "Too many requests",
          "This platform's verification budget is spent for now; retry after the time in Retry-After.", List.of(),
          Map.of());
    }
    VerificationRequest request = Requests.body(ctx, VerificationRequest.class);
    Verification v = verifier.verify(platform, request);
    // Only a number we hold is named: what a seller typed into the waybill field may be anything, even a phone.
    String waybill = v.verdict() == Verdict.UNKNOWN_WAYBILL ? null : Verifier.canonical(request.waybill());
    observer.record(AccessEvent.of(AccessEvent.Kind.VERIFICATION, platform, waybill, v.verdict().name(),
        clock.instant()));
    ctx.json(v);
  }
}

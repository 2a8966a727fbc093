package org.parcelveil.tracking;

import io.javalin.config.RoutesConfig;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Routes;
import org.parcelveil.label.QrTokens;
import org.parcelveil.label.TokenCheck;
import org.parcelveil.validation.ValidationException;

/**
 * Public tracking and authenticity, without a token: {@code GET /v1/track/{waybill}}, the {@code /track} page and
 * the label check {@code /c/{token}} that a label's QR code opens. Every look-up spends the client's budget; misses
 * spend the much smaller miss budget. The phone digits are read from the request and never logged or echoed.
 */
public final class TrackingRoutes implements Routes {
  static final String NOT_FOUND = "No parcel of this carrier has this number.";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{4}");

  private final Tracker tracker;
  private final QrTokens tokens;
  private final ClientKeys clients;
  private final Throttle throttle;
  private final TrackingPages pages;
  private final AccessObserver observer;
  private final Clock clock;

  /**
   * Tells the leak detectors of every look-up (enumeration, canary touches); {@code shownTime} formats a time for
   * people, as every page of the service does (the console's {@code PageTimes}, given by the composition root).
   */
  public TrackingRoutes(Tracker tracker, QrTokens tokens, TrackingSettings settings, String carrier, Clock clock,
      AccessObserver observer, java.util.function.Function<java.time.Instant, String> shownTime) {
    this.observer = observer;
    this.clock = clock;
    this.tracker = tracker;
    this.tokens = tokens;
    this.clients = new ClientKeys(settings.trustedProxyHeader());
    this.throttle = new Throttle(settings, clock);
    this.pages = new TrackingPages(carrier, shownTime);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/v1/track/{waybill}", this::api, Access.ANYONE);
    routes.get("/track", this::page, Access.ANYONE);
    routes.post("/track", this::submit, Access.ANYONE);
    routes.get("/c/{token}", this::label, Access.ANYONE);
    // The address printed on every label: people who type it in want to check a parcel.
    routes.get("/", ctx -> ctx.redirect("/track", HttpStatus.FOUND), Access.ANYONE);
  }

  private void api(Context ctx) {
    String digits = ctx.queryParam("phoneLast4");
    if (digits != null && !DIGITS.matcher(digits).matches()) {
      throw ValidationException.of("phoneLast4", "must be the last 4 digits of the recipient's phone");
    }
    String client = clients.of(ctx);
    long wait = throttle.admit(client);
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      throw new ApiException(429, "too-many-requests", "Too many requests",
          "Too many look-ups from this client; retry after the time in Retry-After.", List.of(), Map.of());
    }
    Tracker.Outcome o = observe(client, ctx.pathParam("waybill"), tracker.track(ctx.pathParam("waybill"), digits));
    if (o.miss()) {
      throttle.missed(client);
    }
    Tracked t = o.found().orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    ctx.json(TrackingViews.of(t));
  }

  private void page(Context ctx) {
    String waybill = ctx.queryParam("waybill");
    if (waybill == null || waybill.isBlank()) {
      html(ctx, 200, pages.form(null));
      return;
    }
    lookUp(ctx, waybill, null);
  }

  /** The form posts, so the phone digits stay out of addresses, history and logs. */
  private void submit(Context ctx) {
    String waybill = form(ctx, "waybill");
    String digits = form(ctx, "phoneLast4");
    if (waybill == null || waybill.isBlank() || waybill.length() > Tracker.MAX_INPUT) {
      html(ctx, 200, pages.form(Html.both("请输入运单号。", "Please enter a waybill number.")));
    } else if (digits != null && !digits.isEmpty() && !DIGITS.matcher(digits).matches()) {
      html(ctx, 200, pages.form(Html.both("手机尾号应为 4 位数字。", "The phone digits must be 4 digits.")));
    } else {
      lookUp(ctx, waybill, digits == null || digits.isEmpty() ? null : digits);
    }
  }

  private Tracker.Outcome observe(String client, String waybill, Tracker.Outcome o) {
    String known = o.found().map(Tracked::waybill).orElse(null);
    observer.record(AccessEvent.ofClient(AccessEvent.Kind.TRACK, client, known, o.miss() ? "miss" : "hit",
        clock.instant()));
    return o;
  }

  private void lookUp(Context ctx, String waybill, @Nullable String digits) {
    String client = clients.of(ctx);
    if (!admitted(ctx, client)) {
      return;
    }
    Tracker.Outcome o = observe(client, waybill, tracker.track(waybill, digits));
    if (o.miss()) {
      throttle.missed(client);
    }
    Optional<Tracked> t = o.found();
    html(ctx, t.isPresent() ? 200 : 404, t.map(pages::result).orElseGet(pages::unknown));
  }

  private void label(Context ctx) {
    String client = clients.of(ctx);
    if (!admitted(ctx, client)) {
      return;
    }
    // An altered or forged token is treated exactly like an unknown parcel, database look-up included.
    TokenCheck check = tokens.check(ctx.pathParam("token"));
    Tracker.Outcome o = tracker.byLabel(check instanceof TokenCheck.Valid v ? v.waybill() : null);
    if (o.miss()) {
      throttle.missed(client);
    }
    Optional<Tracked> t = o.found();
    html(ctx, t.isPresent() ? 200 : 404, t.map(pages::label).orElseGet(pages::unknown));
  }

  private boolean admitted(Context ctx, String client) {
    long wait = throttle.admit(client);
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      html(ctx, 429, pages.tooMany(wait));
      return false;
    }
    return true;
  }

  private static @Nullable String form(Context ctx, String name) {
    try {
      String v = ctx.formParam(name);
      return v == null ? null : v.strip();
    } catch (RuntimeException e) {
      // A body that is not a form has no fields.
      return null;
    }
  }

  private static void html(Context ctx, int status, String page) {
    ctx.status(status)
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", Html.CSP)
        .contentType("text/html; charset=utf-8")
        .result(page);
  }
}

package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.leaks.alert.Alert;
import org.parcelveil.leaks.alert.AlertState;
import org.parcelveil.leaks.alert.Alerts;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Accounts;

/**
 * The security team's alerts: the detectors' and canaries' alarms, filtered by state and kind, newest first; each
 * can be acknowledged, or its principal suspended. Both acts go through {@link Alerts}, as the API's do, so they
 * are audit-logged alike ({@code alert.acknowledge}; {@code alert.suspend} and {@code principal.revoke}).
 */
public final class AlertPages {
  static final List<Integer> WINDOWS = List.of(1, 7, 30, 90);
  private final Gate gate;
  private final Alerts alerts;
  private final Principals principals;
  private final Accounts accounts;
  private final Views views;
  private final Clock clock;

  AlertPages(Gate gate, Alerts alerts, Principals principals, Accounts accounts, Views views, Clock clock) {
    this.gate = gate;
    this.alerts = alerts;
    this.principals = principals;
    this.accounts = accounts;
    this.views = views;
    this.clock = clock;
  }

  /** One alert as the list shows it, with the name and standing of the principal it names. */
  public record Row(Alert alert, @Nullable String principalName, boolean principalRevoked) {
    public String stateKey() {
      return "alerts.state." + alert.state().wireName();
    }

    public boolean canSuspend() {
      return alert.principalId() != null && !principalRevoked && alert.suspendedAt() == null;
    }
  }

  /** The list's filter as chosen: state ({@code all} or a state's wire name), kind (empty for all) and days. */
  public record Filter(String state, String kind, int days) {
    static final Filter DEFAULT = new Filter("open", "", 7);

    /** The filter these form or query values name; empty if any is not one the page offers. */
    static Optional<Filter> parse(@Nullable String state, @Nullable String kind, @Nullable String days) {
      String st = state == null ? DEFAULT.state() : state;
      String k = kind == null ? "" : kind.trim();
      String d = days == null ? String.valueOf(DEFAULT.days()) : days;
      boolean ok = (st.equals("all") || AlertState.parse(st).isPresent()) && k.length() <= 40
          && WINDOWS.stream().map(String::valueOf).anyMatch(d::equals);
      return ok ? Optional.of(new Filter(st, k, Integer.parseInt(d))) : Optional.empty();
    }
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> security = EnumSet.of(Role.SECURITY);
    routes.get("/console/security/alerts", gate.page(security, this::list));
    routes.post("/console/security/alerts/acknowledge", gate.page(security, this::acknowledge));
    routes.post("/console/security/alerts/suspend", gate.page(security, this::suspend));
  }

  private void list(Context ctx, Gate.Visit v) {
    Optional<Filter> filter = Filter.parse(ctx.queryParam("state"), ctx.queryParam("kind"), ctx.queryParam("days"));
    if (filter.isEmpty()) {
      ctx.status(400);
      render(ctx, v.frame().withErrors(List.of(v.frame().t("alerts.bad_filter"))), Filter.DEFAULT);
      return;
    }
    render(ctx, v.frame(), filter.get());
  }

  private void acknowledge(Context ctx, Gate.Visit v) {
    Optional<Alert> a = alerts.find(Optional.ofNullable(ctx.formParam("id")).orElse(""));
    if (a.isEmpty()) {
      notFound(ctx, v);
      return;
    }
    boolean changed = alerts.acknowledge(v.principal(), a.get());
    Frame frame = v.frame().withNotice(v.frame().t(changed ? "alerts.acknowledged" : "alerts.already", a.get().id()));
    render(ctx, frame, filterOf(ctx));
  }

  private void suspend(Context ctx, Gate.Visit v) {
    Optional<Alert> a = alerts.find(Optional.ofNullable(ctx.formParam("id")).orElse(""));
    if (a.isEmpty()) {
      notFound(ctx, v);
      return;
    }
    if (a.get().principalId() == null) {
      ctx.status(409);
      render(ctx, v.frame().withErrors(List.of(v.frame().t("alerts.no_principal"))), filterOf(ctx));
      return;
    }
    boolean revoked = alerts.suspend(v.principal(), a.get());
    // Tokens are revoked by the service; console sessions are checked per request anyway, and ended here at once.
    accounts.sessions().endAll(a.get().principalId());
    render(ctx, v.frame().withNotice(v.frame().t(revoked ? "alerts.suspended" : "alerts.was_revoked",
        a.get().principalId())), filterOf(ctx));
  }

  private void notFound(Context ctx, Gate.Visit v) {
    ctx.status(404);
    render(ctx, v.frame().withErrors(List.of(v.frame().t("alerts.not_found"))), Filter.DEFAULT);
  }

  /** The filter the acting form came from, so the list looks the same after the act; bad values fall back. */
  private static Filter filterOf(Context ctx) {
    return Filter.parse(ctx.formParam("state"), ctx.formParam("kind"), ctx.formParam("days")).orElse(Filter.DEFAULT);
  }

  private void render(Context ctx, Frame frame, Filter filter) {
    Instant from = clock.instant().minus(Duration.ofDays(filter.days()));
    Map<String, Principal> byId = principals.all().stream()
        .collect(Collectors.toMap(Principal::id, Function.identity(), (a, b) -> a));
    List<Row> rows = alerts.since(from, AlertState.parse(filter.state()).orElse(null),
            filter.kind().isEmpty() ? null : filter.kind()).stream()
        .sorted((a, b) -> b.at().compareTo(a.at()))
        .map(a -> {
          Principal p = a.principalId() == null ? null : byId.get(a.principalId());
          return new Row(a, p == null ? null : p.name(), p != null && p.isRevoked());
        }).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("rows", rows);
    params.put("filter", filter);
    params.put("kinds", alerts.since(from).stream().map(Alert::kind).distinct().sorted().toList());
    params.put("windows", WINDOWS);
    views.page(ctx, "security/alerts.jte", params);
  }
}

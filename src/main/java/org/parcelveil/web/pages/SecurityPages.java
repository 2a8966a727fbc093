package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * The security screen: the newest audit entries, each checked in the browser against the signed checkpoint with
 * its inclusion proof, and reveals against refusals per station over two weeks. Alerts, canaries and attribution
 * are slots until the leaks feature lands.
 */
public final class SecurityPages {
  static final int ENTRIES = 50;
  private final Gate gate;
  private final AuditFeed feed;
  private final Principals principals;
  private final Views views;
  private final Clock clock;

  SecurityPages(Gate gate, AuditFeed feed, Principals principals, Views views, Clock clock) {
    this.gate = gate;
    this.feed = feed;
    this.principals = principals;
    this.views = views;
    this.clock = clock;
  }

  /** One chart: its caption and its SVG markup (built and escaped by {@link RevealChart}). */
  public record Chart(String caption, String svg) {}

  public void register(RoutesConfig routes) {
    routes.get("/console/security", gate.page(EnumSet.of(Role.SECURITY), this::audit));
  }

  private void audit(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    LocalDate today = RevealChart.today(clock.instant());
    Map<String, Principal> byId = principals.all().stream().collect(Collectors.toMap(Principal::id, p -> p, (a, b) -> a));
    Function<AuditFeed.Entry, String> group = e -> {
      Principal p = byId.get(e.principalId());
      if (p != null && p.stationCode() != null) {
        return p.stationCode();
      }
      return frame.t("role." + e.principalRole());
    };
    List<RevealChart.Series> series = RevealChart.series(
        feed.revealsSince(today.minusDays(RevealChart.DAYS - 1L).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)),
        group, today);
    List<Chart> charts = series.stream().map(s -> new Chart(s.group(), RevealChart.svg(s, today,
        frame.t("security.chart_title", s.group()), frame.t("security.allowed"), frame.t("security.refused")))).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("entries", feed.latest(ENTRIES));
    params.put("charts", charts);
    views.page(ctx, "security.jte", params);
  }
}

package org.parcelveil.leaks.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Refusals in a burst: an honest courier is refused now and then (a parcel already delivered, a window closed), a
 * principal trying parcel after parcel is refused many times in minutes. A spent daily budget alerts at once: the
 * budgets are set well above honest work, so reaching one is itself the sign (THREATS: "low budget, alert past it").
 */
final class RefusalBurst implements Detector {
  private final DetectorSettings s;
  private final Map<String, Window> windows = new HashMap<>();

  RefusalBurst(DetectorSettings s) {
    this.s = s;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.kind() != AccessEvent.Kind.REFUSED || e.principalId() == null) {
      return;
    }
    if ("budget_exceeded".equals(e.detail())) {
      out.accept(AlertDraft.of(Severity.HIGH, "budget_exhausted", e.principalId(), e.waybill(),
          "refused past its daily reveal budget", e.at()));
    } else if ("shipment_budget_exceeded".equals(e.detail())) {
      // One parcel revealed as often as allowed: not the day's budget, which the alert must not claim.
      out.accept(AlertDraft.of(Severity.HIGH, "budget_exhausted", e.principalId(), e.waybill(),
          "refused past the reveal cap for one parcel (not the daily budget)", e.at()));
    }
    int n = windows.computeIfAbsent(e.principalId(), k -> new Window(s.refusalWindow())).add(e.at(), "r");
    if (n >= s.refusalBurst()) {
      out.accept(AlertDraft.of(Severity.HIGH, "refusal_burst", e.principalId(), e.waybill(),
          n + " refused requests within " + s.refusalWindow().toMinutes() + " min (threshold " + s.refusalBurst()
              + "); last reason " + e.detail(), e.at()));
    }
  }

  @Override
  public void onTick(java.time.Instant now, Consumer<AlertDraft> out) {
    windows.values().removeIf(w -> w.isEmpty(now));
  }
}

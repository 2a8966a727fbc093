package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Attempts on shipments that never were in the principal's scope: another station's parcels, another courier's
 * route, another merchant's orders. Refusals on shipments that once were in scope (reassigned since) do not count.
 */
final class OutOfScope implements Detector {
  private final DetectorSettings s;
  private final ScopeResolver scope;
  private final Map<String, Window> windows = new HashMap<>();

  OutOfScope(DetectorSettings s, ScopeResolver scope) {
    this.s = s;
    this.scope = scope;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    boolean candidate = e.kind() == AccessEvent.Kind.DENIED
        || e.kind() == AccessEvent.Kind.REFUSED && "not_assigned".equals(e.detail());
    if (!candidate || e.principalId() == null || e.waybill() == null
        || scope.everInScope(e.principalId(), e.role(), e.stationCode(), e.waybill())) {
      return;
    }
    Window w = windows.computeIfAbsent(e.principalId(), k -> new Window(s.outOfScopeWindow()));
    w.add(e.at(), e.waybill());
    int distinct = w.distinct(e.at());
    if (distinct >= s.outOfScope()) {
      out.accept(AlertDraft.of(Severity.HIGH, "out_of_scope", e.principalId(), e.waybill(),
          distinct + " shipments outside this " + e.role() + "'s scope tried within "
              + s.outOfScopeWindow().toMinutes() + " min (threshold " + s.outOfScope() + ")", e.at()));
    }
  }

  @Override
  public void onTick(Instant now, Consumer<AlertDraft> out) {
    windows.values().removeIf(w -> w.isEmpty(now));
  }
}

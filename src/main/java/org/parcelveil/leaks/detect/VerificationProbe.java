package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * A platform probing verifications: checking numbers it has no order for (to validate a bought list, or to learn
 * which numbers exist) gives mostly unknown waybills and mismatches; a marketplace verifying its own orders mostly
 * matches. Alerts when non-matching verdicts are both many and the larger share within the window.
 */
final class VerificationProbe implements Detector {
  private final DetectorSettings s;
  private final Map<String, Window> all = new HashMap<>();
  private final Map<String, Window> misses = new HashMap<>();

  VerificationProbe(DetectorSettings s) {
    this.s = s;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.kind() != AccessEvent.Kind.VERIFICATION || e.principalId() == null) {
      return;
    }
    int total = all.computeIfAbsent(e.principalId(), k -> new Window(s.probeWindow())).add(e.at(), "v");
    if ("MATCH".equals(e.detail())) {
      return;
    }
    int bad = misses.computeIfAbsent(e.principalId(), k -> new Window(s.probeWindow())).add(e.at(), "x");
    if (bad >= s.probeNonMatches() && bad >= s.probeShare() * total) {
      out.accept(AlertDraft.of(Severity.HIGH, "verification_probe", e.principalId(), null, bad + " of " + total
          + " verifications did not match within " + s.probeWindow().toMinutes() + " min (thresholds "
          + s.probeNonMatches() + " and " + Math.round(s.probeShare() * 100) + "%)", e.at()));
    }
  }

  @Override
  public void onTick(Instant now, Consumer<AlertDraft> out) {
    all.values().removeIf(w -> w.isEmpty(now));
    misses.values().removeIf(w -> w.isEmpty(now));
  }
}

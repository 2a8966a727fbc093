package org.parcelveil.leaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * A dormant account waking up: no activity for the configured time (departed staff whose account was never revoked,
 * a forgotten integration), then activity again. Seeded at start with each principal's last activity.
 */
final class DormantWake implements Detector {
  private final DetectorSettings s;
  private final Map<String, Instant> lastSeen = new HashMap<>();

  DormantWake(DetectorSettings s) {
    this.s = s;
  }

  void seed(Map<String, Instant> last) {
    last.forEach((id, at) -> lastSeen.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.principalId() == null) {
      return;
    }
    Instant before = lastSeen.put(e.principalId(), e.at());
    if (before != null && before.isAfter(e.at())) {
      lastSeen.put(e.principalId(), before); // events of several threads may arrive a little out of order
      return;
    }
    if (before != null && Duration.between(before, e.at()).compareTo(s.dormantAfter()) >= 0) {
      out.accept(AlertDraft.of(Severity.MEDIUM, "dormant_wake", e.principalId(), e.waybill(),
          "active again after " + Duration.between(before, e.at()).toDays() + " days without activity (threshold "
              + s.dormantAfter().toDays() + ")", e.at()));
    }
  }
}

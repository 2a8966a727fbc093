package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Tracking misses from one client: recipients mistype a number now and then; a client trying numbers to find valid
 * ones misses again and again. Complements the tracking throttle (which slows it) by telling security it happens.
 * The client is named by a keyed tag, not its address.
 */
final class TrackingEnumeration implements Detector {
  private final DetectorSettings s;
  private final UnaryOperator<String> clientTag;
  private final Map<String, Window> windows = new HashMap<>();

  TrackingEnumeration(DetectorSettings s, UnaryOperator<String> clientTag) {
    this.s = s;
    this.clientTag = clientTag;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.kind() != AccessEvent.Kind.TRACK || !"miss".equals(e.detail()) || e.client() == null) {
      return;
    }
    int n = windows.computeIfAbsent(e.client(), k -> new Window(s.trackingWindow())).add(e.at(), "m");
    if (n >= s.trackingMisses()) {
      String tag = clientTag.apply(e.client());
      out.accept(new AlertDraft(Severity.HIGH, "tracking_enumeration", null, null, "client " + tag + ": " + n
          + " tracking misses within " + s.trackingWindow().toMinutes() + " min (threshold " + s.trackingMisses() + ")",
          e.at(), "tracking_enumeration|" + tag));
    }
  }

  @Override
  public void onTick(Instant now, Consumer<AlertDraft> out) {
    windows.values().removeIf(w -> w.isEmpty(now));
  }
}

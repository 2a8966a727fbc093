package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * The harvest pattern: a courier reveals a party and then never attempts that parcel (no pick-up, delivery or
 * failed-delivery event recorded for that courier within the grace period). A courier who needs an address goes
 * there; one who only wants the data does not.
 */
final class HarvestPattern implements Detector {
  private static final Set<String> ATTEMPTS = Set.of("PICKED_UP", "DELIVERED", "DELIVERY_FAILED");
  private final DetectorSettings s;
  /** Per courier: waybill → first reveal not yet followed by an attempt, oldest first. */
  private final Map<String, LinkedHashMap<String, Instant>> open = new HashMap<>();
  private final Map<String, Window> unattempted = new HashMap<>();

  HarvestPattern(DetectorSettings s) {
    this.s = s;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.kind() == AccessEvent.Kind.REVEAL && "courier".equals(e.role()) && e.waybill() != null) {
      open.computeIfAbsent(e.principalId(), k -> new LinkedHashMap<>()).putIfAbsent(e.waybill(), e.at());
    } else if (e.kind() == AccessEvent.Kind.EVENT && e.subjectId() != null && ATTEMPTS.contains(e.detail())) {
      LinkedHashMap<String, Instant> mine = open.get(e.subjectId());
      if (mine != null) {
        mine.remove(e.waybill());
      }
    }
  }

  @Override
  public void onTick(Instant now, Consumer<AlertDraft> out) {
    Instant due = now.minus(s.harvestGrace());
    for (Iterator<Map.Entry<String, LinkedHashMap<String, Instant>>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, LinkedHashMap<String, Instant>> courier = it.next();
      Iterator<Map.Entry<String, Instant>> reveals = courier.getValue().entrySet().iterator();
      String last = null;
      int expired = 0;
      while (reveals.hasNext()) {
        Map.Entry<String, Instant> r = reveals.next();
        if (r.getValue().isAfter(due)) {
          break; // insertion order is reveal order: the rest are younger
        }
        reveals.remove();
        last = r.getKey();
        expired++;
        unattempted.computeIfAbsent(courier.getKey(), k -> new Window(s.harvestWindow())).add(now, r.getKey());
      }
      if (expired > 0) {
        int n = unattempted.get(courier.getKey()).size(now);
        if (n >= s.harvestCount()) {
          out.accept(AlertDraft.of(Severity.HIGH, "harvest_pattern", courier.getKey(), last, n
              + " reveals not followed by an attempt within " + s.harvestGrace().toMinutes() + " min, over the last "
              + s.harvestWindow().toHours() + " h (threshold " + s.harvestCount() + ")", now));
        }
      }
      if (courier.getValue().isEmpty()) {
        it.remove();
      }
    }
    unattempted.values().removeIf(w -> w.isEmpty(now));
  }
}

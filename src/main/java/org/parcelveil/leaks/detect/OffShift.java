package org.parcelveil.leaks.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Reveals off shift: outside the network's working hours, at an hour this principal does not usually work. A courier
 * on the early round reveals at 6 every day and is not flagged; a reveal spree at 2 a.m. is. Principals with fewer
 * than the configured days of history are not judged (their usual hours are not known yet).
 */
final class OffShift implements Detector {
  private final DetectorSettings s;
  private final Map<String, int[]> hours = new HashMap<>();
  private final Map<String, Set<LocalDate>> activeDays = new HashMap<>();
  private final Map<String, Window> windows = new HashMap<>();

  OffShift(DetectorSettings s) {
    this.s = s;
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.kind() != AccessEvent.Kind.REVEAL || e.principalId() == null) {
      return;
    }
    ZonedDateTime local = e.at().atZone(s.zone());
    int hour = local.getHour();
    int[] histogram = hours.computeIfAbsent(e.principalId(), k -> new int[24]);
    Set<LocalDate> days = activeDays.computeIfAbsent(e.principalId(), k -> new HashSet<>());
    boolean judged = days.size() >= s.offShiftHistoryDays();
    boolean usual = histogram[hour] >= 2 * Math.max(1, days.size() / 7);
    histogram[hour]++;
    days.add(local.toLocalDate());
    if (days.size() > s.baselineDays() * 4) {
      days.remove(days.stream().min(LocalDate::compareTo).orElseThrow());
    }
    LocalTime t = local.toLocalTime();
    boolean offShift = t.isBefore(s.shiftStart()) || !t.isBefore(s.shiftEnd());
    if (!judged || !offShift || usual) {
      return;
    }
    int n = windows.computeIfAbsent(e.principalId(), k -> new Window(s.offShiftWindow())).add(e.at(), "r");
    if (n >= s.offShiftCount()) {
      out.accept(AlertDraft.of(Severity.MEDIUM, "off_shift", e.principalId(), e.waybill(),
          n + " reveals off shift (local " + t.withNano(0).withSecond(0) + ", outside " + s.shiftStart() + "–"
              + s.shiftEnd() + " and this principal's usual hours) within " + s.offShiftWindow().toMinutes()
              + " min", e.at()));
    }
  }

  @Override
  public void onTick(Instant now, Consumer<AlertDraft> out) {
    windows.values().removeIf(w -> w.isEmpty(now));
  }
}

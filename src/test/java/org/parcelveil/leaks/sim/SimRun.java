package org.parcelveil.leaks.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessEvent.Kind;
import org.parcelveil.leaks.alert.Alert;
import org.parcelveil.leaks.attribution.How;
import org.parcelveil.leaks.detect.DetectorEngine;
import org.parcelveil.leaks.detect.DetectorSettings;

/**
 * One seeded run of a simulated network: stations with couriers and desks, support agents, merchants, marketplaces
 * and public tracking, day after day, with three insiders planted (docs/benchmarks/leaks.md describes the model).
 * Every access becomes the same {@link AccessEvent} the service reports, fed to the real detector engine.
 */
final class SimRun {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final LocalDate START = LocalDate.of(2026, 11, 2);

  /** The network's size and the insiders' habits. */
  record Config(int stations, int couriersPerStation, int support, int merchants, int platforms, int days,
      double harvestShare, int leakSample) {
    static final Config STANDARD = new Config(20, 10, 10, 50, 3, 30, 0.02, 100);
  }

  final Config cfg;
  final Random rnd;
  final SimStore store = new SimStore();
  final List<Alert> alerts = new ArrayList<>();
  final List<AccessEvent> day = new ArrayList<>(200_000);
  final SimActors actors;
  long events;

  SimRun(Config cfg, long seed) {
    this.cfg = cfg;
    this.rnd = new Random(seed);
    this.actors = new SimActors(this);
  }

  SimResult run(DetectorSettings settings) {
    DetectorEngine engine = new DetectorEngine(settings, store, store, c -> "c_" + Integer.toHexString(c.hashCode()),
        d -> {
          Alert a = new Alert("al" + alerts.size(), d.severity(), d.kind(), d.principalId(), d.waybill(), d.detail(),
              d.at(), null);
          alerts.add(a);
          return a;
        }, java.time.Clock.systemUTC());
    actors.plantCanaries(dayStart(0));
    for (int d = 0; d < cfg.days(); d++) {
      day.clear();
      actors.simulateDay(d);
      day.sort(Comparator.comparing(AccessEvent::at));
      day.forEach(engine::process);
      events += day.size();
    }
    engine.tick(dayStart(cfg.days()));
    return SimResult.of(this);
  }

  /** Generates every day's events without running detectors. */
  List<AccessEvent> record() {
    List<AccessEvent> all = new ArrayList<>();
    actors.plantCanaries(dayStart(0));
    for (int d = 0; d < cfg.days(); d++) {
      day.clear();
      actors.simulateDay(d);
      day.sort(Comparator.comparing(AccessEvent::at));
      all.addAll(day);
    }
    return all;
  }

  Instant dayStart(int d) {
    return START.plusDays(d).atStartOfDay(ZONE).toInstant();
  }

  /** Minutes after local midnight of day {@code d}. */
  Instant at(int d, double minutes) {
    return dayStart(d).plusMillis((long) (minutes * 60_000));
  }

  void emit(Instant at, Kind kind, String principal, String role, String station, String waybill, String subject,
      String client, String detail) {
    day.add(new AccessEvent(at, kind, principal, role, station, waybill, subject, client, detail));
  }

  /** A reveal (with the request that carried it), and what it showed. */
  void reveal(Instant at, String principal, String role, String station, SimStore.Ship s, String client,
      String purpose) {
    emit(at, Kind.REQUEST, principal, role, station, null, null, client, null);
    emit(at, Kind.REVEAL, principal, role, station, s.waybill, null, client, purpose);
    store.saw(s, principal, How.REVEALED, at);
  }

  void refused(Instant at, String principal, String role, String station, String waybill, String client,
      String reason) {
    emit(at, Kind.REQUEST, principal, role, station, null, null, client, null);
    emit(at, Kind.REFUSED, principal, role, station, waybill, null, client, reason);
  }

  double uniform(double from, double to) {
    return from + rnd.nextDouble() * (to - from);
  }

  static Duration between(Instant a, Instant b) {
    return Duration.between(a, b);
  }
}

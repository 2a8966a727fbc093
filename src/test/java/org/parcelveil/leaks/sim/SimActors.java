package org.parcelveil.leaks.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.parcelveil.observe.AccessEvent.Kind;
import org.parcelveil.leaks.attribution.How;

/** The simulated people: couriers and desks per station, support, marketplaces, the public, and the insiders. */
final class SimActors {
  /** A courier: daily volume, shift start, leave, and today's parcels. */
  static final class Courier {
    final String id;
    final int station;
    final int volume;
    final double start;
    final Set<Integer> leave = new HashSet<>();
    List<SimStore.Ship> today = new ArrayList<>();
    List<SimStore.Ship> carried = new ArrayList<>();
    int ip;

    Courier(String id, int station, int volume, double start) {
      this.id = id;
      this.station = station;
      this.volume = volume;
      this.start = start;
    }
  }

  private final SimRun run;
  final List<Courier> couriers = new ArrayList<>();
  final List<List<SimStore.Ship>> stationCanaries = new ArrayList<>();
  final List<List<SimStore.Ship>> stationToday = new ArrayList<>();
  final List<SimStore.Ship> recent = new ArrayList<>();
  final SimInsiders insiders;
  private final double[] merchantWeights;
  long principalDays;
  long clientDays;

  SimActors(SimRun run) {
    this.run = run;
    SimRun.Config c = run.cfg;
    for (int s = 0; s < c.stations(); s++) {
      stationToday.add(new ArrayList<>());
      for (int i = 0; i < c.couriersPerStation(); i++) {
        double start = run.rnd.nextInt(10) == 0 ? 6 * 60 + run.uniform(0, 20) : 7 * 60 + run.uniform(-30, 30);
        Courier k = new Courier("c" + s + "-" + i, s, 40 + run.rnd.nextInt(41), start);
        if (run.rnd.nextInt(10) < 3) {
          int from = run.rnd.nextInt(c.days());
          for (int d = from; d < Math.min(c.days(), from + 3 + run.rnd.nextInt(7)); d++) {
            k.leave.add(d);
          }
        }
        couriers.add(k);
      }
    }
    merchantWeights = new double[c.merchants()];
    double sum = 0;
    for (int m = 0; m < c.merchants(); m++) {
      sum += 1.0 / (m + 1);
      merchantWeights[m] = sum;
    }
    for (int m = 0; m < c.merchants(); m++) {
      merchantWeights[m] /= sum;
    }
    insiders = new SimInsiders(run, this);
  }

  void plantCanaries(Instant at) {
    for (int s = 0; s < run.cfg.stations(); s++) {
      List<SimStore.Ship> l = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        l.add(run.store.add("internal", "k" + s + "-" + i, "kn", s, at, "station:S" + s));
      }
      stationCanaries.add(l);
    }
  }

  void simulateDay(int d) {
    stationToday.forEach(List::clear);
    if (recent.size() > 40_000) {
      recent.subList(0, recent.size() - 40_000).clear();
    }
    for (Courier k : couriers) {
      courierDay(k, d);
    }
    principalDays += run.cfg.stations() + run.cfg.platforms();
    supportDays(d);
    platforms(d);
    insiders.day(d);
  }

  private void courierDay(Courier k, int d) {
    if (k.leave.contains(d)) {
      return;
    }
    principalDays++;
    String desk = "d" + k.station;
    List<SimStore.Ship> parcels = new ArrayList<>(k.carried);
    k.carried = new ArrayList<>();
    int fresh = Math.max(10, k.volume + run.rnd.nextInt(11) - 5);
    for (int i = 0; i < fresh; i++) {
      String phone = "p" + (int) (150_000 * Math.pow(run.rnd.nextDouble(), 1.6));
      parcels.add(run.store.add(merchant(), phone, "n" + phone, k.station, run.at(d, run.uniform(-600, 300)), null));
    }
    k.today = parcels;
    stationToday.get(k.station).addAll(parcels);
    recent.addAll(parcels);
    Instant assign = run.at(d, k.start - 20);
    int n = parcels.size();
    int switches = run.rnd.nextInt(3);
    double[] switchAt = {k.start + run.uniform(0, 600), k.start + run.uniform(0, 600)};
    for (int i = 0; i < n; i++) {
      SimStore.Ship s = parcels.get(i);
      s.courier = k.id;
      run.emit(assign.minusSeconds(1800 - i * 3L), Kind.SCAN, desk, "station", "S" + k.station, s.waybill, null, null, "scan");
      run.store.saw(s, desk, How.HANDLED, assign);
      run.emit(assign.plusSeconds(i * 2L), Kind.EVENT, desk, "station", "S" + k.station, s.waybill, k.id, null,
          "OUT_FOR_DELIVERY");
      run.store.saw(s, k.id, How.ASSIGNED, assign);
      double attempt = k.start + (i + 0.5) * 600.0 / n + run.uniform(-5, 5);
      int ipIndex = k.ip + (switches > 0 && attempt > switchAt[0] ? 1 : 0) + (switches > 1 && attempt > switchAt[1] ? 1 : 0);
      String client = "ip-" + k.id + "-" + ipIndex;
      run.reveal(run.at(d, attempt - run.uniform(2, 25)), k.id, "courier", "S" + k.station, s, client, "DELIVERY");
      boolean ok = run.rnd.nextInt(100) < 92;
      run.emit(run.at(d, attempt), Kind.EVENT, k.id, "courier", "S" + k.station, s.waybill, k.id, client,
          ok ? "DELIVERED" : "DELIVERY_FAILED");
      if (ok) {
        s.delivered = true;
      } else {
        k.carried.add(s);
      }
      if (run.rnd.nextInt(1000) < 10) {
        run.refused(run.at(d, attempt + run.uniform(1, 60)), k.id, "courier", "S" + k.station, s.waybill, client,
            "wrong_state");
      }
      tracking(d, s);
    }
    k.ip += switches + 1;
  }

  private void tracking(int d, SimStore.Ship s) {
    if (run.rnd.nextInt(10) < 6) {
      String client = "t-" + s.phone;
      clientDays++;
      if (run.rnd.nextInt(100) < 3) {
        run.emit(run.at(d, run.uniform(480, 1320)), Kind.TRACK, null, null, null, "X" + run.rnd.nextInt(), null, client,
            "miss");
      }
      run.emit(run.at(d, run.uniform(480, 1320)), Kind.TRACK, null, null, null, s.waybill, null, client, "hit");
    }
  }

  private void supportDays(int d) {
    for (int i = 0; i < run.cfg.support(); i++) {
      if ((d + i) % 7 >= 5) {
        continue; // two days off a week, staggered
      }
      principalDays++;
      String id = "s" + i;
      int count = 6 + run.rnd.nextInt(9);
      insiders.supportDuty(id, d, count);
      for (int k = 0; k < count && !recent.isEmpty(); k++) {
        SimStore.Ship s = recent.get(recent.size() - 1 - run.rnd.nextInt(Math.min(recent.size(), 30_000)));
        run.reveal(run.at(d, run.uniform(9 * 60, 18 * 60)), id, "support", null, s, "office-" + i, "SUPPORT");
      }
    }
  }

  private void platforms(int d) {
    for (int p = 0; p < run.cfg.platforms(); p++) {
      for (int k = 0; k < 800 && !recent.isEmpty(); k++) {
        SimStore.Ship s = recent.get(recent.size() - 1 - run.rnd.nextInt(Math.min(recent.size(), 20_000)));
        boolean match = run.rnd.nextInt(100) >= 3;
        run.emit(run.at(d, run.uniform(8 * 60, 23 * 60)), Kind.VERIFICATION, "pf" + p, "platform", null,
            match ? s.waybill : "X" + run.rnd.nextInt(), null, "pf-ip-" + p, match ? "MATCH" : "UNKNOWN_WAYBILL");
      }
    }
    for (int shop = 0; shop < 30; shop++) {
      clientDays++;
      int lookups = 50 + run.rnd.nextInt(100);
      for (int k = 0; k < lookups && !recent.isEmpty(); k++) {
        boolean miss = run.rnd.nextInt(100) < 2;
        SimStore.Ship s = recent.get(recent.size() - 1 - run.rnd.nextInt(Math.min(recent.size(), 5_000)));
        run.emit(run.at(d, run.uniform(9 * 60, 21 * 60)), Kind.TRACK, null, null, null,
            miss ? "X" + run.rnd.nextInt() : s.waybill, null, "shop-" + shop, miss ? "miss" : "hit");
      }
    }
  }

  private String merchant() {
    double u = run.rnd.nextDouble();
    for (int m = 0; m < merchantWeights.length; m++) {
      if (u <= merchantWeights[m]) {
        return "m" + m;
      }
    }
    return "m0";
  }
}

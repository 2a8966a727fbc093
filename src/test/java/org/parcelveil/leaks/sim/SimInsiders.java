package org.parcelveil.leaks.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.observe.AccessEvent.Kind;

/**
 * The planted insiders: a courier harvesting beyond duty, a courier account rented out in the evenings, and a support
 * agent browsing customers. Each starts on a random day; {@link #starts} records when the first harvesting act was.
 */
final class SimInsiders {
  static final String HARVESTER = "harvester";
  static final String RENTED = "rented account";
  static final String BROWSER = "support browsing";
  static final int SUPPORT_BUDGET = 20;

  private final SimRun run;
  private final SimActors actors;
  final Map<String, String> ids = new HashMap<>();
  final Map<String, Integer> startDay = new HashMap<>();
  final Map<String, Instant> starts = new HashMap<>();
  private final Map<String, Integer> supportToday = new HashMap<>();

  SimInsiders(SimRun run, SimActors actors) {
    this.run = run;
    this.actors = actors;
    int harvester = run.rnd.nextInt(actors.couriers.size());
    int rented = (harvester + 1 + run.rnd.nextInt(actors.couriers.size() - 1)) % actors.couriers.size();
    ids.put(HARVESTER, actors.couriers.get(harvester).id);
    ids.put(RENTED, actors.couriers.get(rented).id);
    ids.put(BROWSER, "s" + run.rnd.nextInt(run.cfg.support()));
    for (String k : ids.keySet()) {
      startDay.put(k, 10 + run.rnd.nextInt(Math.max(1, run.cfg.days() - 12)));
      actors.couriers.stream().filter(c -> c.id.equals(ids.get(k))).forEach(c -> c.leave.clear());
    }
  }

  void supportDuty(String id, int d, int count) {
    supportToday.put(id, count);
  }

  void day(int d) {
    if (d >= startDay.get(HARVESTER)) {
      harvest(d);
    }
    if (d >= startDay.get(RENTED)) {
      rented(d);
    }
    if (d >= startDay.get(BROWSER) && supportToday.containsKey(ids.get(BROWSER)) && (d + idx(BROWSER)) % 7 < 5) {
      browse(d);
    }
  }

  private int idx(String kind) {
    return Integer.parseInt(ids.get(kind).substring(1));
  }

  private SimActors.Courier courier(String kind) {
    return actors.couriers.stream().filter(c -> c.id.equals(ids.get(kind))).findFirst().orElseThrow();
  }

  /** Beyond duty: reaches for parcels of the station that are not his, a share of the station's day, in sessions. */
  private void harvest(int d) {
    SimActors.Courier k = courier(HARVESTER);
    List<SimStore.Ship> pool = new ArrayList<>(actors.stationToday.get(k.station));
    pool.removeIf(s -> k.id.equals(s.courier));
    pool.addAll(actors.stationCanaries.get(k.station));
    int target = (int) Math.round(run.cfg.harvestShare() * actors.stationToday.get(k.station).size());
    double session = k.start + run.uniform(30, 540);
    for (int i = 0; i < target && !pool.isEmpty(); i++) {
      if (i == target / 2) {
        session = k.start + run.uniform(30, 540);
      }
      SimStore.Ship s = pool.remove(run.rnd.nextInt(pool.size()));
      Instant at = run.at(d, session + i % Math.max(1, target / 2) * run.uniform(0.5, 2));
      started(HARVESTER, at);
      String client = "ip-" + k.id + "-" + k.ip;
      run.emit(at, Kind.DENIED, k.id, "courier", "S" + k.station, s.waybill, null, client, "view");
      run.refused(at.plusSeconds(5), k.id, "courier", "S" + k.station, s.waybill, client, "not_assigned");
    }
  }

  /** The account is used in the evening from several addresses at once, re-revealing the day's parcels. */
  private void rented(int d) {
    SimActors.Courier k = courier(RENTED);
    double from = 19 * 60 + run.uniform(0, 120);
    for (int m = 0; m < 60; m += 2) {
      for (int renter = 0; renter < 5; renter++) {
        if (k.today.isEmpty()) {
          return;
        }
        SimStore.Ship s = k.today.get(run.rnd.nextInt(k.today.size()));
        Instant at = run.at(d, from + m + run.uniform(0, 2));
        started(RENTED, at);
        String client = "renter-" + d + "-" + renter;
        if (s.delivered) {
          run.refused(at, k.id, "courier", "S" + k.station, s.waybill, client, "wrong_state");
        } else {
          run.reveal(at, k.id, "courier", "S" + k.station, s, client, "DELIVERY");
        }
      }
    }
  }

  /** Browses customers at a steady pace until the daily budget is spent, then is refused a few times. */
  private void browse(int d) {
    String id = ids.get(BROWSER);
    int left = SUPPORT_BUDGET - supportToday.get(id);
    double t = run.uniform(9 * 60, 15 * 60);
    for (int i = 0; i < left + 5; i++) {
      t += run.uniform(3, 6);
      Instant at = run.at(d, t);
      started(BROWSER, at);
      SimStore.Ship s = actors.recent.get(run.rnd.nextInt(actors.recent.size()));
      if (i < left) {
        run.reveal(at, id, "support", null, s, "office-" + idx(BROWSER), "SUPPORT");
      } else {
        run.refused(at, id, "support", null, s.waybill, "office-" + idx(BROWSER), "budget_exceeded");
      }
    }
  }

  private void started(String kind, Instant at) {
    starts.merge(kind, at, (a, b) -> a.isBefore(b) ? a : b);
  }
}

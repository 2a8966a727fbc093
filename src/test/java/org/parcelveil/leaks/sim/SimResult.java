package org.parcelveil.leaks.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.leaks.alert.Alert;
import org.parcelveil.leaks.attribution.Agent;
import org.parcelveil.leaks.attribution.How;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Ranking;
import org.parcelveil.leaks.attribution.Sighting;
import org.parcelveil.leaks.attribution.Suspect;

/** What one run measured: each insider's rank and time to alert, and the false alerts on honest principals. */
record SimResult(List<Outcome> insiders, int falseAlerts, long principalDays, int clientFalseAlerts, long clientDays,
    long events, Map<String, Integer> falseByKind) {

  /** One insider: its rank in the attribution of its leak (1 = first) and the time to the first alert naming it. */
  record Outcome(String kind, int rank, Duration timeToAlert, int leaked) {}

  static SimResult of(SimRun run) {
    SimInsiders in = run.actors.insiders;
    List<Outcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, String> e : in.ids.entrySet()) {
      Instant start = in.starts.get(e.getKey());
      Duration tta = null;
      if (start != null) {
        tta = run.alerts.stream().filter(a -> e.getValue().equals(a.principalId()) && !a.at().isBefore(start))
            .map(a -> Duration.between(start, a.at())).min(Duration::compareTo).orElse(null);
      }
      List<LeakRecord> leak = leak(run, e.getValue());
      outcomes.add(new Outcome(e.getKey(), rank(run, leak, e.getValue()), tta, leak.size()));
    }
    int falseAlerts = 0;
    int clientFalse = 0;
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (Alert a : run.alerts) {
      if (a.principalId() == null) {
        if (a.kind().equals("tracking_enumeration")) {
          clientFalse++;
          byKind.merge(a.kind(), 1, Integer::sum);
        }
        continue;
      }
      String kind = in.ids.entrySet().stream().filter(x -> x.getValue().equals(a.principalId()))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      if (kind == null || in.starts.get(kind) == null || a.at().isBefore(in.starts.get(kind))) {
        falseAlerts++;
        byKind.merge(a.kind(), 1, Integer::sum);
      }
    }
    return new SimResult(outcomes, falseAlerts, run.actors.principalDays, clientFalse, run.actors.clientDays,
        run.events, byKind);
  }

  /** A sample of what the insider saw in plain, plus records from elsewhere and junk, as a list on sale would be. */
  static List<LeakRecord> leak(SimRun run, String insider) {
    List<SimStore.Ship> seen = new ArrayList<>();
    for (SimStore.Ship s : run.store.ships.values()) {
      for (Sighting x : s.sightings) {
        if (x.how() == How.REVEALED && insider.equals(x.agent().principalId())) {
          seen.add(s);
          break;
        }
      }
    }
    seen.sort((a, b) -> a.waybill.compareTo(b.waybill));
    java.util.Collections.shuffle(seen, run.rnd);
    List<LeakRecord> out = new ArrayList<>();
    for (SimStore.Ship s : seen.subList(0, Math.min(run.cfg.leakSample(), seen.size()))) {
      out.add(run.rnd.nextBoolean() ? new LeakRecord(s.waybill, s.phone, s.name) : new LeakRecord(null, s.phone, s.name));
    }
    int n = out.size();
    List<SimStore.Ship> all = run.actors.recent;
    for (int i = 0; i < n * 3 / 10; i++) {
      SimStore.Ship s = all.get(run.rnd.nextInt(all.size()));
      out.add(new LeakRecord(null, s.phone, s.name));
    }
    for (int i = 0; i < n / 10; i++) {
      out.add(new LeakRecord(null, "elsewhere-" + run.rnd.nextInt(), "someone"));
    }
    java.util.Collections.shuffle(out, run.rnd);
    return out;
  }

  static int rank(SimRun run, List<LeakRecord> leak, String insider) {
    Ranking r = new Ranking(run.store, 0.2);
    for (int i = 0; i < leak.size(); i += 1000) {
      r.add(leak.subList(i, Math.min(leak.size(), i + 1000)));
    }
    List<Suspect> suspects = r.suspects(1000);
    for (int i = 0; i < suspects.size(); i++) {
      if (suspects.get(i).agent().equals(Agent.principal(insider))) {
        return i + 1;
      }
    }
    return Integer.MAX_VALUE;
  }
}

package org.parcelveil.leaks.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.parcelveil.leaks.detect.DetectorSettings;

/**
 * The evaluation harness: many seeded runs of the simulated network, summarised as the figures in
 * docs/benchmarks/leaks.md. {@code main} runs 100 (or {@code args[0]}) runs.
 */
public final class LeakEvaluation {
  /** The figures over all runs. */
  record Summary(int runs, Map<String, int[]> rankedFirst, Map<String, List<Duration>> timeToAlert, int falseAlerts,
      long principalDays, int clientFalseAlerts, long clientDays, long events, Map<String, Integer> falseByKind,
      double seconds) {

    double rankedFirstShare(String kind) {
      int[] r = rankedFirst.get(kind);
      return r[0] / (double) r[1];
    }

    /** Insider-runs whose first alert came within {@code limit} of the first harvesting act. */
    double alertedWithin(String kind, Duration limit) {
      List<Duration> l = timeToAlert.get(kind);
      return l.stream().filter(d -> d != null && d.compareTo(limit) <= 0).count() / (double) l.size();
    }

    double falsePerThousandPrincipalDays() {
      return 1000.0 * falseAlerts / principalDays;
    }
  }

  private LeakEvaluation() {}

  static Summary evaluate(SimRun.Config cfg, DetectorSettings settings, int runs, long firstSeed, int threads)
      throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<SimResult>> futures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long seed = firstSeed + i;
      futures.add(pool.submit(() -> new SimRun(cfg, seed).run(settings)));
    }
    Map<String, int[]> first = new TreeMap<>();
    Map<String, List<Duration>> tta = new TreeMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    int falseAlerts = 0;
    int clientFalse = 0;
    long days = 0;
    long clientDays = 0;
    long events = 0;
    for (Future<SimResult> f : futures) {
      SimResult r = f.get();
      for (SimResult.Outcome o : r.insiders()) {
        int[] c = first.computeIfAbsent(o.kind(), k -> new int[2]);
        c[0] += o.rank() == 1 ? 1 : 0;
        c[1]++;
        tta.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o.timeToAlert());
      }
      falseAlerts += r.falseAlerts();
      clientFalse += r.clientFalseAlerts();
      days += r.principalDays();
      clientDays += r.clientDays();
      events += r.events();
      r.falseByKind().forEach((k, v) -> byKind.merge(k, v, Integer::sum));
    }
    pool.shutdown();
    return new Summary(runs, first, tta, falseAlerts, days, clientFalse, clientDays, events, byKind,
        (System.nanoTime() - t0) / 1e9);
  }

  static String report(Summary s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%d runs, %,d events, %.0f s%n", s.runs(), s.events(), s.seconds()));
    b.append("| insider | leaker ranked first | alert within 1 h | median time to first alert | worst |\n");
    b.append("|---|---|---|---|---|\n");
    for (String kind : s.rankedFirst().keySet()) {
      List<Duration> l = new ArrayList<>(s.timeToAlert().get(kind));
      long missing = l.stream().filter(d -> d == null).count();
      l.removeIf(d -> d == null);
      l.sort(Duration::compareTo);
      b.append(String.format("| %s | %d/%d (%.1f%%) | %.1f%% | %s | %s%s |%n", kind, s.rankedFirst().get(kind)[0],
          s.rankedFirst().get(kind)[1], 100 * s.rankedFirstShare(kind), 100 * s.alertedWithin(kind, Duration.ofHours(1)),
          l.isEmpty() ? "-" : minutes(l.get(l.size() / 2)), l.isEmpty() ? "-" : minutes(l.get(l.size() - 1)),
          missing > 0 ? " (" + missing + " never)" : ""));
    }
    b.append(String.format("false alerts on honest principals: %d in %,d principal-days = %.3f per 1,000%n",
        s.falseAlerts(), s.principalDays(), s.falsePerThousandPrincipalDays()));
    b.append(String.format("false tracking alerts on honest clients: %d in %,d client-days%n", s.clientFalseAlerts(),
        s.clientDays()));
    b.append("false alerts by kind: ").append(s.falseByKind()).append('\n');
    return b.toString();
  }

  private static String minutes(Duration d) {
    return String.format("%.1f min", d.toSeconds() / 60.0);
  }

  /** The access events of {@code days} days of the standard network (insiders included), in time order. */
  public static List<org.parcelveil.observe.AccessEvent> stream(long seed, int days) {
    SimRun.Config c = SimRun.Config.STANDARD;
    SimRun run = new SimRun(new SimRun.Config(c.stations(), c.couriersPerStation(), c.support(), c.merchants(),
        c.platforms(), days, c.harvestShare(), c.leakSample()), seed);
    return run.record();
  }

  /** The canary check and scope resolver of a fresh simulated store, for benchmarks. */
  public static SimStore.Check storeOf(long seed) {
    return new SimStore.Check();
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : runs;
    System.out.print(org.parcelveil.bench.Machine.describe());
    // In batches with distinct seeds, each reported as it ends, so a long evaluation can be read as it goes.
    for (int first = 0; first < runs; first += batch) {
      Summary s = evaluate(SimRun.Config.STANDARD, DetectorSettings.DEFAULTS, Math.min(batch, runs - first), 1 + first,
          Runtime.getRuntime().availableProcessors());
      System.out.printf("seeds %d..%d%n", 1 + first, first + Math.min(batch, runs - first));
      System.out.print(report(s));
      System.out.flush();
    }
  }
}

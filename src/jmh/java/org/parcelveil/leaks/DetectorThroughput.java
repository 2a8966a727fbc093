package org.parcelveil.leaks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import org.parcelveil.bench.Machine;
import org.parcelveil.leaks.detect.DetectorEngine;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.detect.DetectorSettings;
import org.parcelveil.leaks.sim.LeakEvaluation;

/**
 * Events per second through the detector engine, on the simulated network's own event stream (ten days of a
 * 200-courier network), against two baselines measured in the same run: one hash-map counter per principal (the
 * least any per-principal detector does) and the request side's cost, a bounded-queue offer.
 */
public final class DetectorThroughput {
  private DetectorThroughput() {}

  public static void main(String[] args) {
    List<AccessEvent> events = LeakEvaluation.stream(7, 10);
    System.out.print(Machine.describe());
    System.out.printf("%,d events%n", events.size());
    List<Double> engine = new ArrayList<>();
    List<Double> counter = new ArrayList<>();
    List<Double> queue = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      var check = LeakEvaluation.storeOf(7);
      DetectorEngine e = new DetectorEngine(DetectorSettings.DEFAULTS, check, check, c -> c, d -> null,
          Clock.systemUTC());
      long t0 = System.nanoTime();
      events.forEach(e::process);
      engine.add(events.size() / ((System.nanoTime() - t0) / 1e9));

      Map<String, Integer> counts = new HashMap<>();
      t0 = System.nanoTime();
      for (AccessEvent ev : events) {
        counts.merge(ev.principalId() == null ? ev.client() : ev.principalId(), 1, Integer::sum);
      }
      counter.add(events.size() / ((System.nanoTime() - t0) / 1e9));

      ArrayBlockingQueue<AccessEvent> q = new ArrayBlockingQueue<>(events.size());
      t0 = System.nanoTime();
      events.forEach(q::offer);
      queue.add(events.size() / ((System.nanoTime() - t0) / 1e9));
    }
    System.out.printf("detector engine (10 detectors): median %,.0f events/s (runs %s)%n", median(engine), fmt(engine));
    System.out.printf("baseline, one counter per principal: median %,.0f events/s; engine/baseline = %.3f%n",
        median(counter), median(engine) / median(counter));
    System.out.printf("request side, queue offer: median %,.0f events/s%n", median(queue));
  }

  private static double median(List<Double> l) {
    List<Double> s = new ArrayList<>(l);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String fmt(List<Double> l) {
    return l.stream().map(x -> String.format("%,.0f", x)).toList().toString();
  }
}

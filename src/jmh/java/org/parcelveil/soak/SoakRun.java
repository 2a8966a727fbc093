package org.parcelveil.soak;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One soak against a running service: set-up through the API, a closed-loop measurement of the maximum rate of the
 * mix, then the paced soak at a fraction of it while the heap is read at intervals.
 */
public final class SoakRun {
  private static final int RESERVED_PARCELS = 20;
  private static final int SEED_PARCELS = 100;

  private SoakRun() {}

  public static SoakResult run(SoakService service, SoakPlan plan) throws Exception {
    List<String> notes = new ArrayList<>();
    Parcels parcels = new Parcels();
    SoakClient client = new SoakClient(service.port(), SoakCast.create(service.pv()), parcels);
    List<String> reserved = new ArrayList<>();
    for (int i = 0; i < RESERVED_PARCELS; i++) {
      reserved.add(client.outForDelivery());
    }
    parcels.reserve(reserved);
    for (int i = 0; i < SEED_PARCELS; i++) {
      client.create();
    }
    Set<Operation> enabled = EnumSet.allOf(Operation.class);
    for (Operation op : List.of(Operation.TRACK, Operation.VERIFY)) {
      if (!client.hasRoute(op)) {
        enabled.remove(op);
        notes.add(op.route() + " is not served by this build (404 for the route itself): left out of the mix.");
      }
    }
    Mix mix = Mix.of(enabled);

    Tally warmUp = new Tally();
    Load.closedLoop(plan.clients(), plan.warmUp(), mix, client, warmUp);
    Tally measured = new Tally();
    double max = Load.closedLoop(plan.clients(), plan.measure(), mix, client, measured);
    double target = max * plan.fraction();
    log(String.format("maximum %.0f requests/s with %d clients; soaking at %.0f/s for %s", max, plan.clients(),
        target, plan.soak()));

    List<HeapProbe.Sample> heap = new CopyOnWriteArrayList<>();
    Tally soak = new Tally();
    long start = System.nanoTime();
    heap.add(HeapProbe.sample(0, service.storeBytes()));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    long every = plan.sampleEvery().toMillis();
    sampler.scheduleAtFixedRate(() -> {
      HeapProbe.Sample s = HeapProbe.sample((System.nanoTime() - start) / 1e9, service.storeBytes());
      heap.add(s);
      log(String.format("%.0f s: heap %.1f MiB after GC, %d threads, store %.0f MiB, %d answered, %d errors",
          s.seconds(), s.heapMiB(), s.threads(), s.storeMiB(), soak.totalOk(), soak.totalErrors()));
    }, every, every, TimeUnit.MILLISECONDS);
    Load.Paced paced;
    try {
      paced = Load.paced(target, plan.soak(), plan.workers(), mix, client, soak);
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(30, TimeUnit.SECONDS);
    }
    heap.add(HeapProbe.sample((System.nanoTime() - start) / 1e9, service.storeBytes()));
    return new SoakResult(service.database(), plan, mix.enabled(), notes, warmUp, measured, max, target, paced, soak,
        List.copyOf(heap));
  }

  static void log(String line) {
    System.out.println("[soak] " + line);
  }
}

package org.parcelveil.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parcelveil.shipment.Shipment;

/** Drives a {@link ShipmentStore} from several client threads: batch inserts, then point look-ups by waybill. */
final class StoreLoad {
  static final int BATCH = 1000;

  private StoreLoad() {}

  /** Inserts every row, {@link #BATCH} per call, from {@code clients} threads; returns rows per second. */
  static double insert(ShipmentStore store, List<Shipment> rows, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    run(clients, () -> {
      for (int from = next.getAndAdd(BATCH); from < rows.size(); from = next.getAndAdd(BATCH)) {
        store.insert(rows.subList(from, Math.min(rows.size(), from + BATCH)));
      }
    });
    return rows.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** Reads random rows of {@code rows} by waybill for {@code duration}; returns look-ups per second. */
  static double lookUps(ShipmentStore store, List<Shipment> rows, int clients, Duration duration) throws Exception {
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    run(clients, () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (System.nanoTime() < end) {
        String wb = rows.get(random.nextInt(rows.size())).waybill();
        if (store.find(wb).isEmpty()) {
          throw new IllegalStateException(store.name() + " lost " + wb);
        }
        done.incrementAndGet();
      }
    });
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Records pick-up scans of successive rows of {@code rows} (still CREATED) for {@code duration}, one transaction
   * each, from {@code clients} threads; returns scans per second.
   */
  static double scans(ShipmentStore store, List<Shipment> rows, int clients, Duration duration) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    run(clients, () -> {
      for (int i = next.getAndIncrement(); i < rows.size() && System.nanoTime() < end; i = next.getAndIncrement()) {
        if (!store.scan(rows.get(i))) {
          throw new IllegalStateException(store.name() + " refused the scan of " + rows.get(i).waybill());
        }
      }
    });
    return Math.min(next.get(), rows.size()) / ((System.nanoTime() - start) / 1e9);
  }

  private static void run(int threads, Runnable loop) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(loop));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

package org.parcelveil.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;

/** The two ways the soak drives the service: as fast as it answers (closed loop), and at a set pace (open loop). */
public final class Load {
  private Load() {}

  /** What an open-loop phase achieved: requests completed, in how long, and how late the latest one started. */
  public record Paced(long completed, double seconds, long maxLagMicros) {
    public double rate() {
      return completed / seconds;
    }
  }

  /**
   * {@code clients} threads each send the next request of the mix as soon as the last one is answered; returns
   * requests per second. This finds the service's maximum rate for the mix.
   */
  public static double closedLoop(int clients, Duration duration, Mix mix, SoakClient client, Tally tally)
      throws Exception {
    AtomicLong slots = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    run(clients, () -> {
      while (System.nanoTime() < end) {
        long slot = slots.getAndIncrement();
        client.perform(mix.at(slot), System.nanoTime(), tally);
      }
    });
    return slots.get() / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Requests fall due at {@code rate} per second whatever the service does; {@code workers} threads take them in
   * order. A latency counts from when its request was due, not from when a worker got round to it, so a service
   * that falls behind shows it in the percentiles (no coordinated omission).
   */
  public static Paced paced(double rate, Duration duration, int workers, Mix mix, SoakClient client, Tally tally)
      throws Exception {
    AtomicLong slots = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    LongAccumulator lag = new LongAccumulator(Math::max, 0);
    double period = 1e9 / rate;
    long start = System.nanoTime() + 10_000_000;
    long end = start + duration.toNanos();
    run(workers, () -> {
      while (true) {
        long slot = slots.getAndIncrement();
        long due = start + (long) (slot * period);
        if (due >= end) {
          return;
        }
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        lag.accumulate((System.nanoTime() - due) / 1_000);
        client.perform(mix.at(slot), due, tally);
        completed.incrementAndGet();
      }
    });
    return new Paced(completed.get(), (System.nanoTime() - start) / 1e9, lag.get());
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

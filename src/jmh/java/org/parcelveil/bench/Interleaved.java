package org.parcelveil.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A throughput ratio measured in one JVM by alternating 200 ms slices of the measured operation and its raw
 * baseline, so that both see the same load from the other tenants of a shared host. JMH's means swing with the
 * neighbours by up to 2× between iterations; the median of many interleaved ratios does not.
 */
public final class Interleaved {
  private static final long SLICE_NANOS = 200_000_000L;
  private static final int WARM_UP_ROUNDS = 5;

  private Interleaved() {}

  /** Median and quartiles of {@code measured / raw} over {@code rounds} rounds, after a few rounds of warm-up. */
  public record Ratio(double median, double lowerQuartile, double upperQuartile, int rounds) {
    @Override
    public String toString() {
      return String.format("median %.3f (quartiles %.3f, %.3f) over %d rounds", median, lowerQuartile, upperQuartile,
          rounds);
    }
  }

  /** Each round times raw, then measured, then raw again, and compares measured with the mean of the two raw rates. */
  public static Ratio ratio(Runnable raw, Runnable measured, int rounds) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds + WARM_UP_ROUNDS; round++) {
      double before = rate(raw);
      double m = rate(measured);
      double after = rate(raw);
      if (round >= WARM_UP_ROUNDS) {
        ratios.add(m / ((before + after) / 2));
      }
    }
    Collections.sort(ratios);
    int n = ratios.size();
    return new Ratio(ratios.get(n / 2), ratios.get(n / 4), ratios.get(3 * n / 4), n);
  }

  /** Operations per second of {@code op} over one slice. */
  public static double rate(Runnable op) {
    long start = System.nanoTime();
    long end = start + SLICE_NANOS;
    long n = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        op.run();
      }
      n += 100;
    }
    return n * 1e9 / (System.nanoTime() - start);
  }
}

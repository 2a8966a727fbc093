package org.parcelveil.soak;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A latency histogram in microseconds with logarithmic buckets: exact below 64 µs, then 32 buckets per power of two
 * (each at most 1/32 ≈ 3 % wide), so percentiles cost a fixed 15 KiB however long a soak runs. Safe for concurrent
 * recording.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 64;
  private static final int SUB_BITS = 5;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = LINEAR + (64 - 6) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final LongAccumulator max = new LongAccumulator(Math::max, 0);

  /** Records one latency. */
  public void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    counts.incrementAndGet(index(micros));
    max.accumulate(micros);
  }

  public long count() {
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += counts.get(i);
    }
    return n;
  }

  public long maxMicros() {
    return max.get();
  }

  /**
   * The {@code q}-quantile (0 &lt; q ≤ 1) as the upper edge of the bucket that holds it: an overestimate by at most
   * one bucket width, never an underestimate. Zero when nothing was recorded.
   */
  public long percentileMicros(double q) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperEdge(i), maxMicros());
      }
    }
    return maxMicros();
  }

  static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros);
    int sub = (int) ((micros >>> (exponent - SUB_BITS)) & (SUB - 1));
    return LINEAR + (exponent - 6) * SUB + sub;
  }

  static long upperEdge(int index) {
    if (index < LINEAR) {
      return index;
    }
    int exponent = (index - LINEAR) / SUB + 6;
    int sub = (index - LINEAR) % SUB;
    long width = 1L << (exponent - SUB_BITS);
    return (1L << exponent) + (sub + 1) * width - 1;
  }
}

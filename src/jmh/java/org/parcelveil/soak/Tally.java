package org.parcelveil.soak;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** What one phase of the soak saw, per operation: latencies of good answers, and every bad one by status. */
public final class Tally {
  /** Status recorded for a request that got no answer at all (connection refused, timeout). */
  public static final int NO_ANSWER = -1;
  private static final int KEPT_SAMPLES = 5;

  private final Map<Operation, PerOperation> ops = new EnumMap<>(Operation.class);
  private final List<String> samples = new CopyOnWriteArrayList<>();

  public Tally() {
    for (Operation op : Operation.values()) {
      ops.put(op, new PerOperation());
    }
  }

  /** One answered request, its latency counted from when it was due (open loop) or sent (closed loop). */
  public void ok(Operation op, long nanos) {
    PerOperation p = ops.get(op);
    p.latency.recordNanos(nanos);
    p.ok.increment();
  }

  /** One bad answer; the first few are kept, cut short, for the report (problems hold no personal data). */
  public void error(Operation op, int status, String detail) {
    ops.get(op).errors.computeIfAbsent(status, s -> new LongAdder()).increment();
    if (samples.size() < KEPT_SAMPLES) {
      samples.add(op + " " + status + ": " + detail.substring(0, Math.min(200, detail.length())));
    }
  }

  /** Counts and percentiles of one operation, in microseconds. */
  public record Summary(Operation op, long ok, Map<Integer, Long> errors, long p50, long p95, long p99, long max) {
    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public Summary summary(Operation op) {
    PerOperation p = ops.get(op);
    Map<Integer, Long> errors = new TreeMap<>();
    p.errors.forEach((status, n) -> errors.put(status, n.sum()));
    LatencyHistogram h = p.latency;
    return new Summary(op, p.ok.sum(), errors, h.percentileMicros(0.50), h.percentileMicros(0.95),
        h.percentileMicros(0.99), h.maxMicros());
  }

  public long totalErrors() {
    return ops.keySet().stream().mapToLong(op -> summary(op).errorCount()).sum();
  }

  public long totalOk() {
    return ops.values().stream().mapToLong(p -> p.ok.sum()).sum();
  }

  public List<String> errorSamples() {
    return List.copyOf(samples);
  }

  private static final class PerOperation {
    final LatencyHistogram latency = new LatencyHistogram();
    final LongAdder ok = new LongAdder();
    final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  }
}

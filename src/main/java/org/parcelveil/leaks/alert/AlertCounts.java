package org.parcelveil.leaks.alert;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts raised on this node, by detector kind and severity ({@code pv_leak_alerts_total{kind, severity}}). Both
 * labels come from the code (a fixed set of detectors and three severities), never from input; counts made before
 * a registry is bound are kept and show once it is.
 */
final class AlertCounts implements MeterBinder {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  void count(Alert a) {
    String key = a.kind() + "|" + a.severity().wireName();
    counts.computeIfAbsent(key, k -> {
      AtomicLong n = new AtomicLong();
      MeterRegistry r = registry;
      if (r != null) {
        register(r, k, n);
      }
      return n;
    }).incrementAndGet();
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    this.registry = registry;
    counts.forEach((k, n) -> register(registry, k, n));
  }

  private static void register(MeterRegistry registry, String key, AtomicLong n) {
    String[] kindAndSeverity = key.split("\\|", 2);
    FunctionCounter.builder("pv.leak.alerts", n, AtomicLong::get).description("Leak alerts raised, by detector")
        .tag("kind", kindAndSeverity[0]).tag("severity", kindAndSeverity[1]).register(registry);
  }
}

package org.parcelveil.app;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The service's meters in one registry: the JVM's (memory, GC, threads, classes, CPU, uptime) and those the
 * features offer (connection pools, audit writer and checkpoints, alerts, webhooks). Every label is a fixed name
 * (a pool, a route template, a detector kind), never a value from a request.
 */
final class ServiceMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private ServiceMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  static ServiceMetrics bind(PrometheusMeterRegistry registry, List<MeterBinder> features) {
    ServiceMetrics metrics = new ServiceMetrics(registry);
    List.of(new JvmMemoryMetrics(), metrics.gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
        new ProcessorMetrics(), new UptimeMetrics()).forEach(b -> b.bindTo(registry));
    features.forEach(b -> b.bindTo(registry));
    return metrics;
  }

  /** Stops listening for GC notifications (several services may live and die in one JVM). */
  @Override
  public void close() {
    gc.close();
  }
}

package org.parcelveil.leaks.service;

import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.http.Routes;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.observe.AccessEvents;
import org.parcelveil.leaks.alert.AlertRepository;
import org.parcelveil.leaks.alert.AlertWebhook;
import org.parcelveil.leaks.alert.Alerts;
import org.parcelveil.leaks.attribution.Attribution;
import org.parcelveil.leaks.attribution.JdbcExposureSource;
import org.parcelveil.leaks.canary.Canaries;
import org.parcelveil.leaks.detect.DetectorEngine;
import org.parcelveil.network.Network;
import org.parcelveil.webhook.WebhookSignature;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.webhook.RetrySchedule;
import org.parcelveil.webhook.WebhookDelivery;
import org.parcelveil.webhook.WebhookTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the leak defence in one call: canaries, the detector engine (subscribed to the service's access events),
 * alerts with their optional webhook (and its delivery job), and attribution. {@link #start()} starts detection; {@link #close()} stops it.
 */
public final class LeaksModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaksModule.class);
  private final Canaries canaries;
  private final Alerts alerts;
  private final DetectorEngine engine;
  private final Attribution attribution;
  private final AttributionRuns attributionRuns;
  private final LeakRoutes routes;
  private final WebhookDelivery delivery;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pv-canary-refresh");
    t.setDaemon(true);
    return t;
  });

  /** What the leak defence needs from the rest of the service. */
  public record Parts(DataSource dataSource, Principals principals, Shipments shipments, EventRepository events,
      Network network, BlindIndex blindIndex, KeyStore keys, AuditLog audit, AccessEvents accessEvents,
      WebhookSignature lineSignature) {}

  public LeaksModule(Parts parts, LeakSettings settings, Clock clock) {
    DataSource ds = parts.dataSource();
    AlertRepository alertRepository = new AlertRepository(ds);
    Optional<AlertWebhook> webhook = settings.webhook().map(uri -> new AlertWebhook(uri,
        new WebhookSignature(parts.keys().currentSecret(KeyName.ALERTS_WEBHOOK).bytes()), alertRepository));
    this.alerts = new Alerts(alertRepository, parts.principals(), parts.audit(), webhook, clock);
    this.delivery = new WebhookDelivery(ds, webhook.stream().<WebhookTarget>map(w -> w).toList(),
        RetrySchedule.DEFAULT, clock);
    this.canaries = new Canaries(ds, parts.shipments(), parts.principals(), parts.network(), parts.blindIndex(),
        parts.audit(), settings.canaries(), clock);
    canaries.refresh();
    ClientTags tags = new ClientTags(parts.keys().currentSecret(KeyName.LEAKS_CLIENT).bytes());
    this.engine = new DetectorEngine(settings.detectors(), canaries,
        new StoreScope(parts.shipments(), parts.events(), parts.network()), tags::tag, alerts, clock);
    engine.seedLastSeen(LastSeen.load(ds, parts.principals()));
    this.attribution = new Attribution(ds, new JdbcExposureSource(ds, parts.blindIndex()), parts.audit(), alerts,
        settings.guessProbability(), clock);
    this.attributionRuns = new AttributionRuns(attribution, parts.principals(), settings.maxAttributionRecords(),
        settings.attributionBounds());
    this.routes = new LeakRoutes(canaries, alerts, attributionRuns, parts.principals(), parts.accessEvents(),
        parts.lineSignature(), clock);
    parts.accessEvents().subscribe(engine);
  }

  public void start() {
    engine.start();
    delivery.start();
    refresher.scheduleWithFixedDelay(() -> {
      try {
        canaries.refresh();
      } catch (RuntimeException e) {
        LOG.warn("could not reload canaries: {}", e.getClass().getSimpleName());
      }
    }, 1, 1, TimeUnit.MINUTES);
  }

  public Routes routes() {
    return routes;
  }

  public Canaries canaries() {
    return canaries;
  }

  public Alerts alerts() {
    return alerts;
  }

  public DetectorEngine engine() {
    return engine;
  }

  public Attribution attribution() {
    return attribution;
  }

  /** Attribution runs for people (the API and the console): size checks, chunks, suspects with names. */
  public AttributionRuns attributionRuns() {
    return attributionRuns;
  }

  /** Alerts raised by kind, and the alert webhook's calls. */
  public MeterBinder metrics() {
    return registry -> {
      alerts.metrics().bindTo(registry);
      delivery.bindTo(registry);
    };
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    delivery.close();
    engine.close();
  }
}

package org.parcelveil.eventhooks;

import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.parcelveil.access.Principals;
import org.parcelveil.http.Routes;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.shipment.EventFeed;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.webhook.DeliveryLog;
import org.parcelveil.webhook.RetrySchedule;
import org.parcelveil.webhook.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracking webhooks in one call: the subscriptions and their routes, the relay that follows shipment events into
 * the outbox, and the outbox's delivery job (the same {@link WebhookDelivery} the alert webhook uses) for their
 * target. {@link #start()} starts both jobs; {@link #close()} stops them.
 */
public final class EventHooksModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHooksModule.class);
  private final Subscriptions subscriptions;
  private final EventRelay relay;
  private final WebhookDelivery delivery;
  private final ScheduledExecutorService relayThread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pv-event-relay");
    t.setDaemon(true);
    return t;
  });

  public EventHooksModule(DataSource dataSource, KeyStore keys, Principals principals, Shipments shipments,
      EventHookSettings settings, Clock clock) {
    SubscriptionRepository repository = new SubscriptionRepository(dataSource);
    SubscriptionSecrets secrets = new SubscriptionSecrets(keys);
    this.subscriptions = new Subscriptions(repository, secrets, shipments, new DeliveryLog(dataSource), settings,
        clock);
    java.util.function.Predicate<String> activeOwner =
        owner -> principals.find(owner).filter(p -> !p.isRevoked()).isPresent();
    this.relay = new EventRelay(dataSource, new EventFeed(dataSource), repository, activeOwner, clock);
    this.delivery = new WebhookDelivery(dataSource,
        List.of(new EventTarget(repository, secrets, activeOwner, settings.allowPrivateTargets())),
        RetrySchedule.DEFAULT, clock);
  }

  public void start() {
    relayThread.scheduleWithFixedDelay(() -> {
      try {
        relay.runOnce();
      } catch (RuntimeException e) {
        LOG.warn("shipment event relay paused: {}", e.getClass().getSimpleName());
      }
    }, 1, 1, TimeUnit.SECONDS);
    delivery.start();
  }

  public Routes routes() {
    return new EventHookRoutes(subscriptions);
  }

  /** The tracking webhooks' calls by outcome, and those pending ({@code pv_webhook_*{target="shipment-events"}}). */
  public MeterBinder metrics() {
    return delivery;
  }

  @Override
  public void close() {
    relayThread.shutdownNow();
    delivery.close();
  }
}

package org.parcelveil.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parcelveil.web.session.FormNonces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets used form nonces older than a day on a schedule, so the table holds about one day of reveals and never
 * grows with the life of the service. Every node runs it; the purge is one idempotent delete.
 */
final class NoncePurge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NoncePurge.class);
  private final FormNonces nonces;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "web-nonce-purge");
    t.setDaemon(true);
    return t;
  });

  NoncePurge(FormNonces nonces) {
    this.nonces = nonces;
  }

  NoncePurge start(Duration every) {
    scheduler.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  void runOnce() {
    try {
      nonces.purge();
    } catch (RuntimeException e) {
      // The next run deletes whatever this one left.
      LOG.warn("form nonce purge failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

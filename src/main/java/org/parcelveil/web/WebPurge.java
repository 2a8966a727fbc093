package org.parcelveil.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parcelveil.web.session.FormNonces;
import org.parcelveil.web.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets, on a schedule, used form nonces older than a day and console sessions past their absolute lifetime, so
 * neither table grows with the life of the service (an expired session is refused anyway; its row would only stay).
 * Every node runs it; each purge is one idempotent delete.
 */
final class WebPurge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebPurge.class);
  private final FormNonces nonces;
  private final Sessions sessions;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "web-purge");
    t.setDaemon(true);
    return t;
  });

  WebPurge(FormNonces nonces, Sessions sessions) {
    this.nonces = nonces;
    this.sessions = sessions;
  }

  WebPurge start(Duration every) {
    scheduler.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  void runOnce() {
    try {
      nonces.purge();
      sessions.purgeExpired();
    } catch (RuntimeException e) {
      // The next run deletes whatever this one left.
      LOG.warn("console purge failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

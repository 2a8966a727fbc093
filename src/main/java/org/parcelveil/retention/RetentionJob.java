package org.parcelveil.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the shredder on a schedule inside the service (hourly by default), so retention ends on time unattended. */
public final class RetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  private final Shredder shredder;
  private final Clock clock;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "retention");
    t.setDaemon(true);
    return t;
  });

  public RetentionJob(Shredder shredder, Clock clock) {
    this.shredder = shredder;
    this.clock = clock;
  }

  public RetentionJob start(Duration every) {
    scheduler.scheduleWithFixedDelay(this::runOnce, 1, every.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  void runOnce() {
    try {
      shredder.run(clock.instant()).forEach(s ->
          LOG.info("shredded retention bucket {} ({} shipments)", s.day(), s.shipments()));
    } catch (RuntimeException e) {
      // The next run completes whatever this one left; say why, without data.
      LOG.warn("retention run failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

package org.parcelveil.rotation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.Secret;
import org.parcelveil.vault.BlindIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running node's keys current without a restart: every few seconds it takes up a rotated master key, new or
 * retired blind-index versions and new QR keys (waybill issuers check on each lease and the audit signer on each
 * checkpoint by themselves). While the blind index has old versions it also re-indexes old rows, on its own thread.
 */
public final class KeyRefresh implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(KeyRefresh.class);

  private final KeyStore keys;
  private final BlindIndex blindIndex;
  private final Consumer<List<Secret>> qrKeys;
  private final BlindReindex reindex;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "key-refresh");
    t.setDaemon(true);
    return t;
  });
  private volatile List<Secret> reindexedFor = List.of();

  public KeyRefresh(KeyStore keys, BlindIndex blindIndex, Consumer<List<Secret>> qrKeys, BlindReindex reindex) {
    this.keys = keys;
    this.blindIndex = blindIndex;
    this.qrKeys = qrKeys;
    this.reindex = reindex;
  }

  /** Starts refreshing every {@code interval}, and re-indexing (when needed) every three intervals. */
  public KeyRefresh start(Duration interval) {
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::reindexQuietly, 3 * ms, 3 * ms, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Takes up new key versions now. */
  public void refresh() {
    if (keys.refreshMaster()) {
      LOG.info("took up master key generation {} from {}", keys.masterGeneration(), keys.masterSource());
    }
    blindIndex.update(keys.secrets(KeyName.BLIND_INDEX));
    qrKeys.accept(keys.secrets(KeyName.QR));
  }

  /**
   * Re-indexes rows under old blind-index versions, once per set of versions: a pass that finds nothing is not
   * repeated until the versions change (the retire command makes a last pass of its own).
   */
  public void reindexIfNeeded() {
    List<Secret> versions = keys.secrets(KeyName.BLIND_INDEX);
    if (versions.size() < 2 || versions.equals(reindexedFor)) {
      return;
    }
    blindIndex.update(versions);
    BlindReindex.Pass pass = reindex.runPass();
    LOG.info("blind-index re-index pass: {} re-indexed, {} removed (shredded), {} principals stuck",
        pass.reindexed(), pass.removed(), pass.stuck());
    if (pass.reindexed() == 0 && pass.removed() == 0) {
      reindexedFor = versions;
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // Keys already loaded keep working; say why, without data.
      LOG.error("key refresh failed: {}", e.getMessage());
    }
  }

  private void reindexQuietly() {
    try {
      reindexIfNeeded();
    } catch (RuntimeException e) {
      LOG.warn("blind-index re-index pass failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

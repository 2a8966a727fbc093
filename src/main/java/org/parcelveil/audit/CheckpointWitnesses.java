package org.parcelveil.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;
import org.parcelveil.witness.Quorum;
import org.parcelveil.witness.SignedNote;
import org.parcelveil.witness.VerifierKey;
import org.parcelveil.witness.WitnessClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the log's latest signed checkpoint to its witnesses and, once a quorum cosigned it, stores the note with
 * their cosignatures as the log's witnessed checkpoint. While the quorum is not reached the last witnessed
 * checkpoint stays the one served, and the alarm is raised once per outage. A stored cosigned note counts only if it
 * carries cosignatures by at least K of the witnesses this node is configured with: one stored under another
 * configuration (fewer or other witnesses, a smaller quorum) is neither served nor taken as witnessed.
 */
final class CheckpointWitnesses implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWitnesses.class);

  /** Alerts keep a detail of at most 400 characters. */
  private static final int MAX_DETAIL = 400;
  /** How many of the newest cosigned checkpoints are looked at for one this node's quorum cosigned. */
  static final int SERVED_LOOKBACK = 64;

  private final Sql sql;
  private final Quorum quorum;
  private final List<VerifierKey> pinned;
  private final int k;
  private final Clock clock;
  private final AtomicLong witnessedAtMillis;
  private volatile Consumer<String> alarm = detail -> {};
  private boolean failing;
  /** The last cosigned note found to satisfy the quorum (what a given note text proves cannot change). */
  private volatile String lastSatisfying;

  CheckpointWitnesses(Sql sql, WitnessSettings settings, Duration timeout, Clock clock) {
    List<WitnessClient> clients = new ArrayList<>();
    for (int i = 0; i < settings.urls().size(); i++) {
      clients.add(WitnessClient.of(settings.urls().get(i), settings.vkeys().get(i), timeout));
    }
    this.sql = sql;
    this.quorum = new Quorum(clients, settings.k(), timeout);
    this.pinned = clients.stream().map(WitnessClient::key).toList();
    this.k = settings.k();
    this.clock = clock;
    this.witnessedAtMillis = new AtomicLong(clock.millis());
  }

  /** Where the alarm goes when the quorum is lost (the composition root points it at the leak alerts). */
  void onAlarm(Consumer<String> target) {
    this.alarm = target;
  }

  /**
   * Makes sure {@code latest} carries a quorum's cosignatures: asks the witnesses unless it already does. Runs on
   * the publisher's thread, one round at a time, outside any transaction (the witnesses answer over the network).
   *
   * @return true if the latest checkpoint is witnessed now
   */
  boolean witness(CheckpointStore.Stored latest) {
    if (latest.cosignedNote() != null && satisfiesQuorum(latest.cosignedNote())) {
      covered();
      return true;
    }
    Quorum.Result result;
    try {
      result = quorum.collect(latest.note(), latest.size(), this::consistency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (!result.reached()) {
      lost(latest.size(), result);
      return false;
    }
    String cosigned = result.cosignedNote(latest.note());
    sql.useHandle("the witnessed checkpoint could not be stored",
        h -> CheckpointStore.cosign(h, latest.size(), cosigned, latest.cosignedNote(),
            EntryCodec.micros(clock.instant())));
    covered();
    LOG.debug("audit checkpoint {} cosigned by {} witnesses", latest.size(), result.cosignatures().size());
    return true;
  }

  /**
   * The newest checkpoint this node's quorum cosigned, with the cosignatures: among the {@link #SERVED_LOOKBACK}
   * newest stored with cosignatures, the first that carries at least K by the configured witnesses' keys.
   */
  Optional<String> latestWitnessed() {
    List<String> newest = sql.withHandle("the witnessed checkpoint could not be read",
        h -> CheckpointStore.latestCosigned(h, 1));
    if (newest.isEmpty() || satisfiesQuorum(newest.get(0))) {
      return newest.stream().findFirst(); // the usual case: one row
    }
    List<String> notes = sql.withHandle("the witnessed checkpoint could not be read",
        h -> CheckpointStore.latestCosigned(h, SERVED_LOOKBACK));
    return notes.stream().filter(this::satisfiesQuorum).findFirst();
  }

  /** True if {@code cosignedNote} carries valid cosignatures by at least K of the configured witnesses. */
  private boolean satisfiesQuorum(String cosignedNote) {
    if (cosignedNote.equals(lastSatisfying)) {
      return true;
    }
    boolean enough;
    try {
      enough = SignedNote.parse(cosignedNote).cosignedBy(pinned) >= k;
    } catch (IllegalArgumentException e) {
      enough = false;
    }
    if (enough) {
      lastSatisfying = cosignedNote;
    }
    return enough;
  }

  /**
   * {@code parcelveil_audit_witnessed_checkpoint_age_seconds}: since this node last saw the latest signed checkpoint
   * cosigned by a quorum. Healthy, it stays under the publishing interval; it grows while the witnesses cannot be
   * reached or refuse, i.e. while the served (witnessed) checkpoint falls behind the log.
   */
  void bindTo(MeterRegistry registry) {
    Gauge.builder("parcelveil.audit.witnessed.checkpoint.age", witnessedAtMillis,
            t -> Math.max(0, clock.millis() - t.get()) / 1000.0)
        .description("Since the latest checkpoint was last seen cosigned by the witness quorum").baseUnit("seconds")
        .register(registry);
  }

  private List<byte[]> consistency(long from, long to) {
    try {
      return sql.withHandle("the consistency proof could not be read", h -> {
        ProofPlan plan = ProofPlan.consistency(from, to);
        return plan.hashes(TreeStore.nodes(h, plan.nodeIds()));
      });
    } catch (StoreException e) {
      throw new AuditUnavailableException("the consistency proof could not be read", e);
    }
  }

  private void covered() {
    witnessedAtMillis.set(clock.millis());
    if (failing) {
      failing = false;
      LOG.info("the audit log's witness quorum is reached again");
    }
  }

  private void lost(long size, Quorum.Result result) {
    // Witness names and their refusals only: no entry of the log, nothing personal.
    String detail = "audit checkpoint " + size + " has " + result.cosignatures().size() + " of " + result.quorum()
        + " cosignatures needed; " + String.join("; ", result.failures().entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).toList());
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 3) + "...";
    }
    if (failing) {
      LOG.debug("witness quorum still not reached: {}", detail);
      return;
    }
    failing = true;
    LOG.warn("witness quorum not reached, the last witnessed checkpoint is still served: {}", detail);
    try {
      alarm.accept(detail);
    } catch (RuntimeException e) {
      LOG.warn("the witness alarm could not be raised: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    quorum.close();
  }
}

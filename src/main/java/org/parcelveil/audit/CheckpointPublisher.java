package org.parcelveil.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;
import org.parcelveil.tlog.MerkleProofs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and stores checkpoints: every few seconds when the tree grew, and on demand. Before it signs, it proves
 * from the stored tree that the new checkpoint extends the last one published, so the log never signs two
 * inconsistent checkpoints; if that proof fails (a rolled-back or rewritten log) it refuses and raises the alarm.
 */
public final class CheckpointPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);

  private final Sql sql;
  private final AuditKeys keys;
  private final String origin;
  private final Duration interval;
  private final Clock clock;
  private final Object publishing = new Object();
  private final AtomicLong coveredAtMillis;
  private final Optional<CheckpointWitnesses> witnesses;
  private ScheduledExecutorService scheduler;
  private boolean warnedOrigin;

  CheckpointPublisher(DataSource dataSource, AuditKeys keys, String origin, Duration interval, Clock clock) {
    this(dataSource, keys, origin, interval, clock, WitnessSettings.NONE, Duration.ZERO);
  }

  CheckpointPublisher(DataSource dataSource, AuditKeys keys, String origin, Duration interval, Clock clock,
      WitnessSettings witnessSettings, Duration witnessTimeout) {
    NoteKey.checkName(origin);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the checkpoint interval must be positive, was " + interval);
    }
    this.sql = Sql.over(dataSource);
    this.keys = keys;
    this.origin = origin;
    this.interval = interval;
    this.clock = clock;
    this.coveredAtMillis = new AtomicLong(clock.millis());
    this.witnesses = witnessSettings.enabled()
        ? Optional.of(new CheckpointWitnesses(sql, witnessSettings, witnessTimeout, clock)) : Optional.empty();
  }

  /** Starts publishing every interval on a daemon thread. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-checkpoints");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      publishNow();
    } catch (RuntimeException e) {
      LOG.error("audit checkpoint not published: {}", e.getMessage());
    }
  }

  /**
   * Publishes a checkpoint for the current tree if it grew since the last one, and returns the latest signed
   * checkpoint (empty only if none could ever be published).
   *
   * @throws AuditUnavailableException if the database fails, or the stored tree does not extend the last checkpoint
   */
  public Optional<String> publishNow() {
    synchronized (publishing) {
      Optional<String> note;
      try {
        note = sql.inTransaction("the checkpoint could not be published", this::publish);
        coveredAtMillis.set(clock.millis());
      } catch (DuplicateKeyException e) {
        coveredAtMillis.set(clock.millis());
        note = latest(); // another node published this size first
      } catch (StoreException | CheckpointStore.KeyMismatchException e) {
        throw new AuditUnavailableException("the checkpoint could not be published", e);
      }
      witnesses.ifPresent(this::takeToWitnesses);
      return note;
    }
  }

  /** After the checkpoint's transaction committed: the witnesses answer over the network, no lock is held. */
  private void takeToWitnesses(CheckpointWitnesses w) {
    try {
      sql.withHandle("the checkpoint could not be read", CheckpointStore::latest).ifPresent(w::witness);
    } catch (StoreException e) {
      throw new AuditUnavailableException("the witnessed checkpoint could not be stored", e);
    }
  }

  /**
   * The checkpoint the log serves: with witnesses, the newest one a quorum cosigned, with their cosignature lines
   * (empty while none has); without, the latest signed checkpoint.
   */
  public Optional<String> served() {
    if (witnesses.isEmpty()) {
      return latest();
    }
    try {
      return witnesses.get().latestWitnessed();
    } catch (StoreException e) {
      throw new AuditUnavailableException("the checkpoint could not be read", e);
    }
  }

  /** True if checkpoints are served only once a quorum of witnesses cosigned them. */
  public boolean witnessed() {
    return witnesses.isPresent();
  }

  /** Where the alarm goes when the witness quorum is lost; without witnesses nothing is ever raised. */
  public void onWitnessAlarm(Consumer<String> alarm) {
    witnesses.ifPresent(w -> w.onAlarm(alarm));
  }

  /**
   * {@code pv_audit_checkpoint_age_seconds}: how long since this node last saw the whole log covered by a signed
   * checkpoint (it published one, or found nothing new). Healthy, it stays under the publishing interval, whether
   * or not entries come in; it grows while checkpoints cannot be published (database down, the ALARM states).
   */
  void bindTo(MeterRegistry registry) {
    Gauge.builder("pv.audit.checkpoint.age", coveredAtMillis, t -> Math.max(0, clock.millis() - t.get()) / 1000.0)
        .description("Since the log was last seen covered by a signed checkpoint").baseUnit("seconds")
        .register(registry);
    witnesses.ifPresent(w -> w.bindTo(registry));
  }

  /** The log's origin: the one fixed by its first checkpoint, else the configured one. */
  public String origin() {
    try {
      String fixed = sql.withHandle("the audit log could not be read", h -> TreeStore.head(h).origin());
      return fixed == null ? origin : fixed;
    } catch (StoreException e) {
      throw new AuditUnavailableException("the audit log could not be read", e);
    }
  }

  /** The latest published checkpoint as a signed note. */
  public Optional<String> latest() {
    try {
      return sql.withHandle("the checkpoint could not be read",
          h -> CheckpointStore.latest(h).map(CheckpointStore.Stored::note));
    } catch (StoreException e) {
      throw new AuditUnavailableException("the checkpoint could not be read", e);
    }
  }

  private Optional<String> publish(Handle h) {
    String fixed = TreeStore.fixOrigin(h, origin);
    if (!fixed.equals(origin) && !warnedOrigin) {
      warnedOrigin = true;
      LOG.warn("the audit log's origin is fixed as {}; the configured {} is ignored", fixed, origin);
    }
    TreeStore.Head head = TreeStore.head(h);
    Optional<CheckpointStore.Stored> last = CheckpointStore.latest(h);
    if (last.isPresent() && head.size() <= last.get().size()) {
      if (head.size() < last.get().size()) {
        throw new AuditUnavailableException("ALARM: the audit log has " + head.size()
            + " entries but a checkpoint of size " + last.get().size() + " was published: it was rolled back", null);
      }
      return Optional.of(last.get().note());
    }
    byte[] root = checkedRoot(h, head, last);
    Checkpoint checkpoint = new Checkpoint(fixed, head.size(), root);
    NoteSigner signer = keys.current(fixed);
    String note = signer.sign(checkpoint.text());
    long now = EntryCodec.micros(clock.instant());
    CheckpointStore.rememberKey(h, signer.version(), signer.key().vkey(), now);
    CheckpointStore.insert(h, checkpoint, note, signer.version(), now);
    LOG.debug("audit checkpoint {} published", head.size());
    return Optional.of(note);
  }

  /** The root at the head, after checking the stored tree agrees with the head and extends the last checkpoint. */
  private static byte[] checkedRoot(Handle h, TreeStore.Head head, Optional<CheckpointStore.Stored> last) {
    Set<Long> ids = new HashSet<>(ProofPlan.rootNodeIds(head.size()));
    ProofPlan plan = last.map(l -> ProofPlan.consistency(l.size(), head.size())).orElse(null);
    if (plan != null) {
      ids.addAll(plan.nodeIds());
    }
    Map<Long, byte[]> nodes = TreeStore.nodes(h, ids);
    byte[] root;
    List<byte[]> proof;
    try {
      root = ProofPlan.rootOf(head.size(), nodes);
      proof = plan == null ? List.of() : plan.hashes(nodes);
    } catch (IllegalStateException e) {
      throw new AuditUnavailableException("ALARM: the stored audit tree is incomplete: " + e.getMessage(), e);
    }
    if (!MessageDigest.isEqual(root, head.rootOrEmpty())) {
      throw new AuditUnavailableException("ALARM: the stored audit tree does not match its head", null);
    }
    if (last.isPresent() && !MerkleProofs.verifyConsistency(last.get().size(), head.size(), proof,
        last.get().root(), root)) {
      throw new AuditUnavailableException("ALARM: the audit tree of size " + head.size()
          + " does not extend the published checkpoint of size " + last.get().size(), null);
    }
    return root;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    witnesses.ifPresent(CheckpointWitnesses::close);
  }
}

package org.parcelveil.audit;

import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.store.Database;

/**
 * Builds the audit feature in one call: the log that the rest of the service appends to, the checkpoint publisher
 * and the HTTP routes. {@link #start()} begins publishing; {@link #close()} stops it and drains the writer.
 */
public final class AuditModule implements AutoCloseable {
  /** How often a checkpoint is published when the tree grew. */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
  /** How long an append waits for its batch to commit before the caller fails closed. */
  public static final Duration APPEND_TIMEOUT = Duration.ofSeconds(10);
  /** How long a round of the witness quorum may take: every witness is asked at once, each within this time. */
  public static final Duration WITNESS_TIMEOUT = Duration.ofSeconds(10);
  static final int MAX_BATCH = 1000;

  private final GroupCommitLog log;
  private final CheckpointPublisher publisher;
  private final AuditRoutes routes;
  private final AuditKeys keys;
  private final AuditHistory history;

  private AuditModule(GroupCommitLog log, CheckpointPublisher publisher, AuditRoutes routes, AuditKeys keys,
      AuditHistory history) {
    this.log = log;
    this.publisher = publisher;
    this.routes = routes;
    this.keys = keys;
    this.history = history;
  }

  /**
   * @param db the main database, migrated (it holds the log's tables)
   * @param keys the key store; the signing key is its secret {@code audit-signing}
   * @param origin the log's name on checkpoints and keys, e.g. {@code example.com/parcelveil}; null for
   *     {@link #defaultOrigin()}. The first checkpoint fixes it for good.
   */
  public static AuditModule create(Database db, KeyStore keys, String origin, Clock clock) {
    return create(db, keys, origin, clock, CHECKPOINT_INTERVAL);
  }

  public static AuditModule create(Database db, KeyStore keys, String origin, Clock clock, Duration interval) {
    return create(db, keys, origin, clock, interval, WitnessSettings.NONE);
  }

  /** As above, with the witnesses that must cosign a checkpoint before it is served. */
  public static AuditModule create(Database db, KeyStore keys, String origin, Clock clock, Duration interval,
      WitnessSettings witnesses) {
    String name = origin == null ? defaultOrigin() : origin;
    AuditKeys auditKeys = new AuditKeys(keys);
    GroupCommitLog log = new GroupCommitLog(db.dataSource(), clock, APPEND_TIMEOUT, MAX_BATCH);
    CheckpointPublisher publisher = new CheckpointPublisher(db.dataSource(), auditKeys, name, interval, clock,
        witnesses, WITNESS_TIMEOUT);
    AuditReader reader = new AuditReader(db.dataSource());
    VerifierKeys verifierKeys = new VerifierKeys(auditKeys, publisher::origin, reader::storedKeys, clock);
    return new AuditModule(log, publisher, new AuditRoutes(reader, publisher, verifierKeys), auditKeys,
        new AuditHistory(reader, publisher));
  }

  /** {@code <host name>/parcelveil}, lower case. */
  public static String defaultOrigin() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    String clean = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return (clean.isEmpty() ? "localhost" : clean) + "/parcelveil";
  }

  public AuditLog log() {
    return log;
  }

  public CheckpointPublisher publisher() {
    return publisher;
  }

  /** The entries about given shipments with their inclusion proofs (a person's disclosure history). */
  public AuditHistory history() {
    return history;
  }

  public AuditRoutes routes() {
    return routes;
  }

  /** The log's verifier keys (every version in the key store), for {@link AuditVerifier} run by the operator. */
  public List<String> verifierKeys() {
    return keys.all(publisher.origin()).stream().map(s -> s.key().vkey()).toList();
  }

  /** The audit writer's and the checkpoint publisher's meters (names in docs/operations.md). */
  public MeterBinder metrics() {
    return registry -> {
      log.bindTo(registry);
      publisher.bindTo(registry);
    };
  }

  public AuditModule start() {
    publisher.start();
    return this;
  }

  @Override
  public void close() {
    publisher.close();
    log.close();
  }
}

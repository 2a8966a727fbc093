package org.parcelveil.audit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.parcelveil.store.Sql;
import org.parcelveil.tlog.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append side of the log, with group commit: callers queue their records and block; one writer thread per node
 * drains the queue into a single transaction (lock the head row, insert the entries and their tree nodes, move the
 * head, commit) and only then answers each caller. The head-row lock makes the database the sequencer, so any number
 * of nodes can append to one database and still get distinct, gap-free indexes.
 */
final class GroupCommitLog implements AuditLog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitLog.class);
  private static final int ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration timeout;
  private final int maxBatch;
  private final SecureRandom random = new SecureRandom();
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  // Meters are made at once on an empty composite and reach the service's registry when it is bound.
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final DistributionSummary batchSizes;
  private final Timer committed;
  private final Timer failed;
  private volatile boolean closed;

  // Touched by the writer thread only: the right edge of the tree as of the last commit it made.
  private Frontier cached;
  private byte[] cachedRoot;

  /** A caller's record, with the condition that picks between it and {@code otherwise} (both null if none). */
  private record Pending(AuditRecord record, Condition condition, AuditRecord otherwise,
      CompletableFuture<Conditional> done, long queuedNanos) {}

  GroupCommitLog(DataSource dataSource, Clock clock, Duration timeout, int maxBatch) {
    this.jdbi = Sql.over(dataSource).jdbi();
    this.clock = clock;
    this.timeout = timeout;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(Math.max(1024, maxBatch * 16));
    Gauge.builder("pv.audit.queue.depth", queue, BlockingQueue::size)
        .description("Audit entries waiting for the writer").register(meters);
    this.batchSizes = DistributionSummary.builder("pv.audit.batch.size").description("Entries per committed batch")
        .publishPercentiles(0.5, 0.99).register(meters);
    FunctionCounter.builder("pv.audit.batch.retries", retries, AtomicLong::get)
        .description("Batches tried again after a conflict").register(meters);
    this.committed = appendTimer("committed");
    this.failed = appendTimer("failed");
    this.writer = new Thread(this::run, "audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public AuditReceipt append(AuditRecord record) {
    return submit(record, null, null).receipt();
  }

  @Override
  public Conditional appendIf(AuditRecord record, Condition condition, AuditRecord otherwise) {
    return submit(record, Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(otherwise, "otherwise"));
  }

  /** Queues every record before waiting for any, so the writer commits them in batches instead of one by one. */
  @Override
  public List<AuditReceipt> appendAll(List<AuditRecord> records) {
    List<Pending> queued = new ArrayList<>(records.size());
    try {
      for (AuditRecord r : records) {
        queued.add(enqueue(r, null, null));
      }
      List<AuditReceipt> out = new ArrayList<>(records.size());
      for (Pending p : queued) {
        out.add(await(p).receipt());
      }
      return out;
    } catch (AuditUnavailableException e) {
      queued.forEach(p -> p.done().cancel(false));
      throw e;
    }
  }

  private Conditional submit(AuditRecord record, Condition condition, AuditRecord otherwise) {
    return await(enqueue(record, condition, otherwise));
  }

  private Pending enqueue(AuditRecord record, Condition condition, AuditRecord otherwise) {
    try {
      EntryCodec.check(record);
      if (otherwise != null) {
        EntryCodec.check(otherwise);
      }
    } catch (IllegalArgumentException e) {
      throw new AuditUnavailableException("the audit record was rejected: " + e.getMessage(), e);
    }
    Pending pending = new Pending(record, condition, otherwise, new CompletableFuture<>(), System.nanoTime());
    try {
      if (closed || !queue.offer(pending, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AuditUnavailableException("the audit log is " + (closed ? "closed" : "overloaded"), null);
      }
      return pending;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while waiting for the audit log", e);
    }
  }

  private Conditional await(Pending pending) {
    Timer outcome = failed;
    try {
      Conditional result = pending.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      outcome = committed;
      return result;
    } catch (ExecutionException e) {
      throw new AuditUnavailableException("the audit entry could not be committed", e.getCause());
    } catch (TimeoutException e) {
      // Not yet taken by the writer: it will skip it. Already in a batch: it may still commit, and the log then
      // records an action that did not happen, never the reverse.
      pending.done().cancel(false);
      throw new AuditUnavailableException("the audit entry was not committed within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while waiting for the audit log", e);
    } finally {
      outcome.record(System.nanoTime() - pending.queuedNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private Timer appendTimer(String outcome) {
    return Timer.builder("pv.audit.append").description("From queueing an entry to its caller's answer")
        .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(meters);
  }

  /** Sends the writer's meters to {@code registry}: queue depth, batch sizes, retries and append latency. */
  void bindTo(MeterRegistry registry) {
    meters.add(registry);
  }

  /** How many batches this node has committed. */
  long batches() {
    return batches.get();
  }

  /** How many times a batch conflicted (serialization failure, deadlock) and was tried again. */
  long retries() {
    return retries.get();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        // Callers that gave up waiting have been answered 503: their entries (and spends) must not happen.
        batch.removeIf(p -> p.done().isCancelled());
        if (!batch.isEmpty()) {
          commit(batch);
        }
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      } catch (RuntimeException | Error e) {
        LOG.error("audit writer failed on a batch of {}", batch.size(), e);
        cached = null;
        fail(batch, e);
      } finally {
        batch.clear();
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("the audit log closed"));
    }
  }

  /** Commits the batch, answering every caller; returns the failure if it failed, else null. */
  private SQLException commit(List<Pending> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        List<Conditional> results = write(batch);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).done().complete(results.get(i));
        }
        return null;
      } catch (SQLException e) {
        cached = null;
        if (attempt < ATTEMPTS && retryable(e)) {
          LOG.info("audit batch conflicted ({}), retrying", e.getSQLState());
          retries.incrementAndGet();
          continue;
        }
        if (batch.size() > 1 && hasCondition(batch) && !lostConnection(e)) {
          LOG.info("audit batch of {} failed ({}), appending its entries one by one", batch.size(), e.getSQLState());
          oneByOne(batch);
          return e;
        }
        LOG.warn("audit batch of {} failed: {} {}", batch.size(), e.getSQLState(), e.getMessage());
        fail(batch, e);
        return e;
      }
    }
  }

  /**
   * One caller's condition may be what failed the batch: alone, each entry fails or succeeds on its own account. If
   * the database goes out of reach meanwhile, the rest fail at once instead of each waiting for a connection.
   */
  private void oneByOne(List<Pending> batch) {
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      if (p.done().isCancelled()) {
        continue;
      }
      SQLException e = commit(List.of(p));
      if (e != null && lostConnection(e)) {
        fail(batch.subList(i + 1, batch.size()), e);
        return;
      }
    }
  }

  /**
   * One batch in one transaction. The writer handles the database's failures itself (retry on conflict, one by one,
   * fail fast when the connection is gone), so they reach it as the SQL exceptions whose state it reads.
   */
  private List<Conditional> write(List<Pending> batch) throws SQLException {
    try (Handle h = jdbi.open()) {
      return write(h, batch);
    } catch (JdbiException e) {
      throw sqlCause(e);
    }
  }

  private List<Conditional> write(Handle h, List<Pending> batch) throws SQLException {
    h.begin();
    try {
      // With conditions, the sequencer lock comes first: every node's writer then runs its conditions (and takes
      // their row locks, such as budget counters) one writer at a time, so two writers can never wait on each
      // other's rows. The conditions decide which record each entry holds, before the entries are hashed.
      Frontier locked = hasCondition(batch) ? lockedFrontier(h) : null;
      boolean[] held = decide(h.getConnection(), batch);
      List<AuditRecord> records = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        records.add(held[i] ? p.record() : p.otherwise());
      }
      Prepared prepared = locked == null ? fastPath(h, records) : null;
      if (prepared == null) {
        prepared = prepare(records, locked != null ? locked : lockedFrontier(h));
        TreeStore.updateHead(h, prepared.frontier().size(), prepared.root(), EntryCodec.micros(clock.instant()));
      }
      TreeStore.insertEntries(h, prepared.rows());
      h.commit();
      cached = prepared.frontier();
      cachedRoot = prepared.root();
      batches.incrementAndGet();
      batchSizes.record(batch.size());
      List<Conditional> results = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        results.add(new Conditional(prepared.receipts().get(i), held[i]));
      }
      return results;
    } catch (SQLException | RuntimeException e) {
      rollback(h);
      throw e;
    }
  }

  /**
   * Fast path: one statement takes the sequencer lock and checks that no other node appended since our last commit,
   * so a batch costs three round trips (head, entries, commit). Null (nothing changed) if there is no cached state
   * or another node moved the head, which also makes the cached state stale.
   */
  private Prepared fastPath(Handle h, List<AuditRecord> records) {
    if (cached == null) {
      return null;
    }
    Prepared prepared = prepare(records, cached.copy());
    if (TreeStore.advanceHead(h, cached.size(), cachedRoot, prepared.frontier().size(), prepared.root(),
        EntryCodec.micros(clock.instant()))) {
      return prepared;
    }
    cached = null;
    return null;
  }

  /** Takes the sequencer lock and returns the frontier at the head: ours while no other node appended, else read back. */
  private Frontier lockedFrontier(Handle h) throws SQLException {
    if (cached != null && TreeStore.claimHead(h, cached.size(), cachedRoot)) {
      return cached.copy();
    }
    return frontierAt(h, TreeStore.lockHead(h));
  }

  /** Runs each caller's condition, in queue order, in the batch's transaction; true where there is none. */
  private static boolean[] decide(Connection c, List<Pending> batch) throws SQLException {
    boolean[] held = new boolean[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Condition condition = batch.get(i).condition();
      try {
        held[i] = condition == null || condition.holds(c);
      } catch (RuntimeException e) {
        // A caller's own failure: handled as a failed statement, so that it fails that caller only.
        throw new SQLException("an audit condition failed", e);
      }
    }
    return held;
  }

  private record Prepared(List<TreeStore.Row> rows, List<AuditReceipt> receipts, Frontier frontier, byte[] root) {}

  /** Numbers the batch from the frontier's size and hashes it in, keeping each entry's completed subtrees. */
  private Prepared prepare(List<AuditRecord> records, Frontier frontier) {
    List<TreeStore.Row> rows = new ArrayList<>(records.size());
    List<AuditReceipt> receipts = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
      byte[] nonce = new byte[AuditEntry.NONCE_BYTES];
      random.nextBytes(nonce);
      AuditEntry entry = new AuditEntry(frontier.size(), time, nonce, record);
      ByteArrayOutputStream hashes = new ByteArrayOutputStream(Hashes.SIZE * 2);
      frontier.append(entry.leafHash(), (level, index, hash) -> hashes.writeBytes(hash));
      rows.add(new TreeStore.Row(entry, hashes.toByteArray()));
      receipts.add(new AuditReceipt(entry.index(), time));
    }
    return new Prepared(rows, receipts, frontier, frontier.root());
  }

  /** The frontier at the locked head: ours if no other node appended since our last commit, else read back. */
  private Frontier frontierAt(Handle h, TreeStore.Head head) throws SQLException {
    if (cached != null && cached.size() == head.size() && MessageDigest.isEqual(cachedRoot, head.rootOrEmpty())) {
      return cached.copy();
    }
    Frontier f = Frontier.of(head.size(), TreeStore.nodes(h, Frontier.nodeIds(head.size())));
    if (!MessageDigest.isEqual(f.root(), head.rootOrEmpty())) {
      // Appending onto a tree whose nodes disagree with the head would bury the damage: stop instead.
      throw new SQLException("the stored audit tree does not match its head at size " + head.size());
    }
    return f;
  }

  private static boolean hasCondition(List<Pending> batch) {
    return batch.stream().anyMatch(p -> p.condition() != null);
  }

  /** No connection, or it broke: nothing that one caller's own work could have caused. */
  private static boolean lostConnection(SQLException e) {
    String state = e.getSQLState();
    // 57P01-57P03: PostgreSQL shutting down, crashed or not yet accepting connections (a restart or fail-over).
    return e instanceof SQLTransientConnectionException
        || (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
            || state.equals("57P03")));
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    // 40001 serialization failure, 40P01 deadlock, 23505 an index taken meanwhile (distributed SQL without locks).
    // Not 40003, "statement completion unknown": the commit may have happened, and a retry would append twice.
    return state != null && ((state.startsWith("40") && !state.equals("40003")) || state.equals("23505"));
  }

  private static void rollback(Handle h) {
    try {
      h.rollback();
    } catch (JdbiException ignored) {
      // the connection is broken; the pool discards it
    }
  }

  /** The database's exception under JDBI's; one without (JDBI's own refusal) stays as it is. */
  private static SQLException sqlCause(JdbiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    throw e;
  }

  private static void fail(List<Pending> batch, Throwable cause) {
    batch.forEach(p -> p.done().completeExceptionally(cause));
  }

  @Override
  public void close() {
    closed = true;
    try {
      writer.join(timeout.toMillis() + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.interrupt();
  }
}

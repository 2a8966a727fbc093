package org.parcelveil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the one-row writes of the hot paths (a scan, a single creation): callers queue their write; a
 * caller that finds fewer than {@link #WRITERS} groups being written writes what is waiting, its own write and
 * the others', in one transaction on one connection and commits once; the others wait for that commit. Each answer
 * still waits for a commit that holds its write, so nothing is acknowledged before it is durable; what the group
 * saves is a commit, a connection check-out and a round trip per write, which on a busy database cost more than the
 * write itself. The callers write the groups themselves (no writer thread to hand over to), so a write that finds the
 * database idle is written at once, as without grouping, and groups form only while a commit is under way.
 *
 * <p>A group fails together, so a failure inside one (a value the database refuses, a key already taken) is not
 * reported to everyone in it: each caller then runs its write alone, as it would without grouping, and only the
 * write at fault fails. A failure of the commit itself, or of the connection, is reported to every caller as the
 * database being unavailable: whether that group committed is unknown, and running it again could write twice.
 *
 * @param <T> a write
 * @param <R> what its caller learns (an update count, a generated number)
 */
public final class GroupCommit<T, R> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  /**
   * Groups written at once. More than one, so that one group is being written while another waits for its flush to
   * disk; four rather than two because a caller writing a group may lose its core to other work, and every write
   * queued behind it waits with it (with two, p99 rose to hundreds of ms on an overloaded machine).
   */
  public static final int WRITERS = 4;
  /** The most writes in one group. */
  public static final int MAX_GROUP = 64;
  /** How long a caller waits for its group before it answers that the database is unavailable. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  /**
   * How often a waiting caller looks whether it should write a group itself: only a write queued just as the last
   * writer finished waits this long.
   */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** Runs a group of writes on {@code c} (a transaction; the caller commits), returning each write's outcome in order. */
  @FunctionalInterface
  public interface GroupWork<T, R> {
    List<R> run(Connection c, List<T> writes) throws SQLException;
  }

  /** Tells a caller that its group failed inside and that its write is to be run alone. */
  private static final class RunAlone extends RuntimeException {
    RunAlone() {
      super(null, null, false, false);
    }
  }

  /**
   * A queued write. A writer takes it, or its caller gives it up, never both: once taken it is answered by its
   * group's outcome however long that takes, so a caller is never told "unconfirmed" about a write that then commits.
   */
  private record Pending<T, R>(T write, CompletableFuture<R> done, AtomicInteger state) {
    static final int QUEUED = 0;
    static final int TAKEN = 1;
    static final int GIVEN_UP = 2;

    Pending(T write) {
      this(write, new CompletableFuture<>(), new AtomicInteger(QUEUED));
    }

    boolean take() {
      return state.compareAndSet(QUEUED, TAKEN);
    }

    boolean giveUp() {
      return state.compareAndSet(QUEUED, GIVEN_UP);
    }
  }

  private final String name;
  private final DataSource dataSource;
  private final GroupWork<T, R> work;
  private final Function<T, R> alone;
  private final int maxGroup;
  private final Duration timeout;
  private final BlockingQueue<Pending<T, R>> queue;
  private final Semaphore writers;
  private final int writerCount;
  private volatile boolean closed;

  /**
   * @param name what is written, for failures (never values)
   * @param work the group's statements
   * @param alone the same write on its own, in its own transaction, as it ran before grouping
   * @param writerCount groups written at once
   */
  public GroupCommit(String name, DataSource dataSource, GroupWork<T, R> work, Function<T, R> alone, int writerCount,
      int maxGroup, Duration timeout) {
    this.name = name;
    this.dataSource = dataSource;
    this.work = work;
    this.alone = alone;
    this.maxGroup = maxGroup;
    this.timeout = timeout;
    this.queue = new ArrayBlockingQueue<>(Math.max(1024, maxGroup * 16));
    this.writers = new Semaphore(writerCount);
    this.writerCount = writerCount;
  }

  /** Writes {@code write} in the next group and returns its outcome once that group committed. */
  public R write(T write) {
    Pending<T, R> pending = new Pending<>(write);
    if (closed || !queue.offer(pending)) {
      throw unavailable(null);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        if (!pending.done().isDone() && writers.tryAcquire()) {
          try {
            writeWaiting();
          } finally {
            writers.release();
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          if (pending.giveUp()) {
            // Not taken by any writer, and now never will be.
            throw unavailable(null);
          }
          // Taken: its group's outcome, whenever it comes, is the answer.
          return pending.done().get();
        }
        try {
          return pending.done().get(Math.min(left, RECHECK_NANOS), TimeUnit.NANOSECONDS);
        } catch (TimeoutException notYet) {
          // Look again whether a group is to be written.
        }
      }
    } catch (InterruptedException e) {
      pending.giveUp();
      Thread.currentThread().interrupt();
      throw unavailable(null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RunAlone) {
        return alone.apply(write);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw unavailable(e.getCause());
    }
  }

  /**
   * Writes one group of what is waiting, the caller's own write among it unless another caller took it first. One
   * group, not all that keep arriving: a caller that writes for others holds its own answer meanwhile.
   */
  private void writeWaiting() {
    List<Pending<T, R>> group = new ArrayList<>();
    queue.drainTo(group, maxGroup);
    // Callers that gave up are not written for.
    group.removeIf(p -> !p.take());
    if (group.isEmpty()) {
      return;
    }
    try {
      commit(group);
    } catch (RuntimeException e) {
      LOG.error("writing a group of {} failed: {}", name, e.getClass().getName());
      group.forEach(p -> p.done().completeExceptionally(unavailable(null)));
    }
  }

  private StoreException unavailable(Throwable cause) {
    SQLException sql = cause instanceof SQLException s ? s : null;
    return new StoreException("could not write " + name + ": the database did not confirm it", sql);
  }

  private void commit(List<Pending<T, R>> group) {
    List<T> writes = new ArrayList<>(group.size());
    group.forEach(p -> writes.add(p.write()));
    List<R> outcomes;
    boolean committing = false;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        outcomes = work.run(c, writes);
        committing = true;
        c.commit();
      } catch (SQLException | RuntimeException e) {
        // Before auto-commit is restored below, which would otherwise commit the half-run group.
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (committing || isConnectionFailure(e)) {
        StoreException failure = Sql.translate("could not write " + name, e);
        group.forEach(p -> p.done().completeExceptionally(failure));
      } else {
        group.forEach(p -> p.done().completeExceptionally(new RunAlone()));
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).done().complete(outcomes.get(i));
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is gone; the group was not committed.
    }
  }

  /** SQL state class 08 (connection exception) or 57P (the server is shutting down). */
  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P");
  }

  /**
   * Refuses new writes, waits (up to the write timeout) for the groups being written, so that their callers hear
   * their commit before the connections go away, and answers writes still waiting as the database being unavailable.
   */
  @Override
  public void close() {
    closed = true;
    try {
      // Holding every writer's permit: no group is being written, and none starts after this.
      if (!writers.tryAcquire(writerCount, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("closing {} while a group is still being written", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending<T, R>> left = new ArrayList<>();
    queue.drainTo(left);
    left.stream().filter(Pending::take).forEach(p -> p.done().completeExceptionally(unavailable(null)));
  }
}

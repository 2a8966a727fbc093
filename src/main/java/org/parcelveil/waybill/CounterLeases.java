package org.parcelveil.waybill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Leases blocks of waybill counters from the {@code waybill_counter} row, so that nodes issue numbers without
 * coordinating per number and no two nodes on one database ever get the same counter.
 *
 * <p>A lease is one short transaction: {@code UPDATE ... SET next_value = next_value + size}, then a
 * {@code SELECT} of the new value in the same transaction. The update takes the row's write lock first, so
 * concurrent leases queue on it (or, on serializable distributed SQL, one of them fails and is retried), and each
 * sees the value the previous one committed. The block is committed before any number from it is handed out: a
 * crash loses at most the unused rest of a block (a gap in the counters), never issues a number twice.
 * The lease commits before it is used, and the store makes commits durable before they return.
 */
public final class CounterLeases {
  public static final int DEFAULT_BLOCK_SIZE = 1000;
  static final int MAX_BLOCK_SIZE = 100_000_000;
  private static final int ATTEMPTS = 8;

  private static final String ADVANCE = "UPDATE waybill_counter SET next_value = next_value + ? WHERE id = 1";
  private static final String READ = "SELECT next_value FROM waybill_counter WHERE id = 1";

  private final DataSource dataSource;
  private final int blockSize;

  public CounterLeases(DataSource dataSource) {
    this(dataSource, DEFAULT_BLOCK_SIZE);
  }

  public CounterLeases(DataSource dataSource, int blockSize) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException("block size must be in [1, " + MAX_BLOCK_SIZE + "]: " + blockSize);
    }
    this.blockSize = blockSize;
  }

  public int blockSize() {
    return blockSize;
  }

  /** Leases the next block; it may be shorter than the block size only at the very end of the counter space. */
  CounterBlock lease() {
    SQLException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return leaseOnce();
      } catch (SQLException e) {
        if (!isTransient(e)) {
          throw new IllegalStateException("could not lease waybill counters", e);
        }
        last = e;
        backOff(attempt);
      }
    }
    throw new IllegalStateException("could not lease waybill counters after " + ATTEMPTS + " attempts", last);
  }

  private CounterBlock leaseOnce() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        long next;
        try (PreparedStatement advance = c.prepareStatement(ADVANCE)) {
          advance.setLong(1, blockSize);
          if (advance.executeUpdate() != 1) {
            throw new IllegalStateException("waybill_counter has no row with id 1");
          }
        }
        try (PreparedStatement read = c.prepareStatement(READ); ResultSet rs = read.executeQuery()) {
          rs.next();
          next = rs.getLong(1);
        }
        long start = next - blockSize;
        if (start >= WaybillFormat.LIMIT) {
          // Leave the row as it was: every counter below 10^14 has been handed out.
          c.rollback();
          throw new IllegalStateException("waybill counters exhausted: all 10^14 have been leased");
        }
        c.commit();
        return new CounterBlock(start, Math.min(next, WaybillFormat.LIMIT));
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /**
   * The first counter no node has leased yet. Every counter a node may be issuing from is below it; a key rotation
   * starts the new key's range safely above it.
   */
  public long nextUnleased() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement read = c.prepareStatement(READ);
        ResultSet rs = read.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("waybill_counter has no row with id 1");
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the waybill counter", e);
    }
  }

  /**
   * Moves the next unleased counter up to {@code counter} (never down) and returns the next unleased counter
   * afterwards: greater than {@code counter} only if leases had already passed it.
   */
  public long advanceTo(long counter) {
    if (counter < 0 || counter >= WaybillFormat.LIMIT) {
      throw new IllegalArgumentException("counter must be in [0, 10^14): " + counter);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE waybill_counter SET next_value = ? WHERE id = 1 AND next_value < ?")) {
      ps.setLong(1, counter);
      ps.setLong(2, counter);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not advance the waybill counter", e);
    }
    return nextUnleased();
  }

  /** Serialization failures and deadlocks (class 40) are worth another try. */
  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("40");
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(1L << Math.min(attempt, 6));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while leasing waybill counters", e);
    }
  }

  @Override
  public String toString() {
    return "CounterLeases[blockSize=" + blockSize + "]";
  }
}

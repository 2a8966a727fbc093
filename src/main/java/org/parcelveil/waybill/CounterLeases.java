package org.parcelveil.waybill;

import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;

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

  private static final String ADVANCE = "UPDATE waybill_counter SET next_value = next_value + :size WHERE id = 1";
  private static final String READ = "SELECT next_value FROM waybill_counter WHERE id = 1";

  private final Sql sql;
  private final int blockSize;

  public CounterLeases(DataSource dataSource) {
    this(dataSource, DEFAULT_BLOCK_SIZE);
  }

  public CounterLeases(DataSource dataSource, int blockSize) {
    this.sql = Sql.over(Objects.requireNonNull(dataSource, "dataSource"));
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
    StoreException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return leaseOnce();
      } catch (StoreException e) {
        if (!isTransient(e)) {
          throw new IllegalStateException("could not lease waybill counters", e.getCause());
        }
        last = e;
        backOff(attempt);
      }
    }
    throw new IllegalStateException("could not lease waybill counters after " + ATTEMPTS + " attempts",
        last.getCause());
  }

  private CounterBlock leaseOnce() {
    return sql.inTransaction("could not lease waybill counters", h -> {
      if (h.createUpdate(ADVANCE).bind("size", (long) blockSize).execute() != 1) {
        throw new IllegalStateException("waybill_counter has no row with id 1");
      }
      long next = h.createQuery(READ).mapTo(long.class).one();
      long start = next - blockSize;
      if (start >= WaybillFormat.LIMIT) {
        // Leave the row as it was (the throw rolls the advance back): every counter below 10^14 has been handed out.
        throw new IllegalStateException("waybill counters exhausted: all 10^14 have been leased");
      }
      return new CounterBlock(start, Math.min(next, WaybillFormat.LIMIT));
    });
  }

  /**
   * The first counter no node has leased yet. Every counter a node may be issuing from is below it; a key rotation
   * starts the new key's range safely above it.
   */
  public long nextUnleased() {
    try {
      return sql.withHandle("could not read the waybill counter", h -> h.createQuery(READ).mapTo(long.class)
          .findFirst().orElseThrow(() -> new IllegalStateException("waybill_counter has no row with id 1")));
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e.getCause());
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
    try {
      sql.useHandle("could not advance the waybill counter", h -> h.createUpdate(
              "UPDATE waybill_counter SET next_value = :counter WHERE id = 1 AND next_value < :counter")
          .bind("counter", counter)
          .execute());
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e.getCause());
    }
    return nextUnleased();
  }

  /** Serialization failures and deadlocks (class 40) are worth another try. */
  private static boolean isTransient(StoreException e) {
    return e.getCause() instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("40");
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

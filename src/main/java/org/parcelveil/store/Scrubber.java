package org.parcelveil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Makes erased rows physically gone, not only unreachable. PostgreSQL keeps a deleted or overwritten row version in
 * its table file until the space is reused, and in the write-ahead log until the segment is removed.
 *
 * <p>On the embedded store a scrub rewrites the named tables ({@code VACUUM FULL}: new files holding only live rows;
 * the old ones are truncated at once and unlinked at the next checkpoint), then moves the write-ahead log to a new
 * segment and checkpoints twice, so every segment written before the scrub is deleted (the server never recycles
 * segments; new ones are zero-filled). {@code VACUUM FULL} locks each table for the seconds it takes.
 *
 * <p>On a PostgreSQL server of the operator's, where an exclusive lock on the shipments table is not ours to take, a
 * scrub runs a plain {@code VACUUM}: dead rows are removed from the indexes and their space marked free, and the
 * bytes stay until that space is reused. WAL archives, replicas and backups are the operator's; docs/retention.md
 * says what remains where.
 */
public final class Scrubber {
  private final Database database;
  private final boolean embedded;

  public Scrubber(Database database, boolean embedded) {
    this.database = database;
    this.embedded = embedded;
  }

  /** Rewrites {@code tables} (schema-qualified where not in the default schema) and, embedded, retires old WAL. */
  public void scrub(List<String> tables) {
    try (Connection c = database.connection(); Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      for (String table : tables) {
        s.execute((embedded ? "VACUUM FULL " : "VACUUM ") + table);
      }
      if (embedded) {
        s.execute("CHECKPOINT");
        s.execute("SELECT pg_switch_wal()");
        s.execute("CHECKPOINT");
      }
    } catch (SQLException e) {
      throw new StoreException("could not scrub erased rows (SQL state " + e.getSQLState() + ")", e);
    }
  }
}

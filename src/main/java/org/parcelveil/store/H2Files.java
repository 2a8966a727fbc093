package org.parcelveil.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of an embedded H2 file at start. The service's H2 files only ever append (see
 * {@link DatabaseSettings#embedded}), so they hold every version written since their last compaction. H2 compacts a
 * file when it closes it (for at most {@code MAX_COMPACT_TIME}); a crash, or a large file, leaves it sparse, and the
 * next start finishes the job.
 */
final class H2Files {
  private static final Logger log = LoggerFactory.getLogger(H2Files.class);
  /** Below this a file is not worth a compaction at start, whatever its fill rate. */
  static final long SPARSE_MIN_BYTES = 64L << 20;
  /** Share of the chunks' space that live pages fill, in percent, below which a start compacts. */
  static final int SPARSE_FILL_PERCENT = 50;

  private H2Files() {}

  /**
   * Compacts the file before the service opens it, if this process is the one opening it and it is large and
   * mostly dead versions (as after a crash, or a stop whose compaction did not run).
   */
  static void compactIfSparse(DatabaseSettings settings) {
    if (!settings.url().startsWith("jdbc:h2:file:")) {
      return;
    }
    long started = System.nanoTime();
    // SHUTDOWN COMPACT closes the connection itself; closing it again is harmless.
    try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      String sparse = sparseDescription(c);
      if (sparse == null) {
        return;
      }
      shutdownCompact(c);
      log.info("compacted the H2 file at start: it was {}; in {} ms", sparse,
          (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException | RuntimeException e) {
      // Opening the pool next reports a database that cannot be opened; compaction only saves space.
      log.warn("could not check or compact the H2 file at start: {}", e.toString());
    }
  }

  /** "N MiB, P % live" when this process serves the file and it is worth compacting; otherwise null. */
  private static String sparseDescription(Connection c) throws SQLException {
    if (!servedHere(c)) {
      return null;
    }
    long size = info(c, "info.FILE_SIZE");
    long fill = info(c, "info.CHUNKS_FILL_RATE");
    if (size < SPARSE_MIN_BYTES || fill < 0 || fill >= SPARSE_FILL_PERCENT) {
      return null;
    }
    return (size >> 20) + " MiB, " + fill + " % live";
  }

  private static void shutdownCompact(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
  }

  private static long info(Connection c, String name) throws SQLException {
    try (var ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Long.parseLong(rs.getString(1).trim()) : -1;
      }
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** True if this process opened the file itself; false if another process serves it (AUTO_SERVER). */
  private static boolean servedHere(Connection c) throws SQLException {
    return c.isWrapperFor(JdbcConnection.class)
        && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
  }
}

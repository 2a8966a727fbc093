package org.parcelveil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Upkeep of an embedded H2 database file. */
final class H2Files {
  private static final Logger log = LoggerFactory.getLogger(H2Files.class);

  private H2Files() {}

  /**
   * Compacts the database file and closes it, when this process has the file open itself (not as a client of
   * another process's {@code AUTO_SERVER}, and not an in-memory database). Nothing else may use the pool afterwards.
   */
  static void compactIfServedHere(DataSource dataSource) {
    long started = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      if (!servedHere(c)) {
        return;
      }
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN COMPACT");
      }
      log.info("compacted the H2 file {} in {} ms", c.getCatalog(), (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException | RuntimeException e) {
      // Compaction only saves space; the next clean stop tries again.
      log.warn("could not compact the H2 file: {}", e.toString());
    }
  }

  private static boolean servedHere(Connection c) throws SQLException {
    if (!c.getMetaData().getURL().startsWith("jdbc:h2:file:")) {
      return false;
    }
    return c.isWrapperFor(JdbcConnection.class)
        && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
  }
}

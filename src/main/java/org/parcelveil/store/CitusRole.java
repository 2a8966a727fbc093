package org.parcelveil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * What a database is to Citus, and what that means for the migrations (docs/citus.md, "Application nodes on
 * workers").
 *
 * <p>Citus answers queries on distributed and reference tables from every node once its metadata is synced to the
 * workers (the default), so a service node may connect to a worker instead of the coordinator. Schema changes,
 * though, are made on the coordinator only: DDL run on a worker would create local tables there, or be refused. So:
 *
 * <ul>
 *   <li>on the coordinator (and on plain PostgreSQL) the service migrates as always; afterwards, on Citus, each
 *       location's history table is made a reference table, a copy on every node, so that a worker can tell which
 *       migrations the coordinator applied;
 *   <li>on a worker the service migrates nothing: it reads that copy and starts only if every migration of this
 *       build was applied with the same checksum, else it names the coordinator as the place to migrate.
 * </ul>
 */
public enum CitusRole {
  /** No citus extension in the database: plain PostgreSQL. */
  NONE,
  /** The node that holds the metadata (local group 0), or a database with Citus and no cluster around it. */
  COORDINATOR,
  /** A worker: the coordinator registered it (its local group is not 0). */
  WORKER;

  /** The role of the database {@code ds} connects to. */
  public static CitusRole of(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return NONE;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT groupid FROM pg_catalog.pg_dist_local_group")) {
        return rs.next() && rs.getInt(1) != 0 ? WORKER : COORDINATOR;
      }
    } catch (SQLException e) {
      throw new StoreException("could not tell whether the database is a Citus node (SQL state "
          + e.getSQLState() + ")", e);
    }
  }

  /**
   * On a Citus coordinator, makes the history table of the migrations just applied (found on the search path: the
   * location's schema) a reference table, once. A no-op on plain PostgreSQL and when already placed. Nodes that start
   * at once on the coordinator are serialised by a lock on the history table.
   */
  void placeHistory(DataSource ds) {
    if (this != COORDINATOR) {
      return;
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      if (historyPlaced(s)) {
        return;
      }
      c.setAutoCommit(false);
      try {
        s.execute("LOCK TABLE " + Database.HISTORY + " IN SHARE ROW EXCLUSIVE MODE");
        boolean placed = historyPlaced(s);
        if (!placed) {
          s.execute("SELECT create_reference_table('" + Database.HISTORY + "')");
        }
        c.commit();
        if (!placed) {
          // The rows were copied to every node; the coordinator's local copy under the shell table is not read.
          c.setAutoCommit(true);
          s.execute("SELECT truncate_local_data_after_distributing_table('" + Database.HISTORY + "')");
        }
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not place the migrations' history on every Citus node (SQL state "
          + e.getSQLState() + ")", e);
    }
  }

  /** True if Citus knows the history table on the search path (the location's schema). */
  private static boolean historyPlaced(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_dist_partition "
        + "WHERE logicalrelid = to_regclass('" + Database.HISTORY + "'))")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * On a Citus worker: the coordinator applied every migration under {@code location} that this build has, with the
   * same content, as the worker's copy of the history says; else the service does not start.
   */
  static void checkMigrated(DataSource ds, Flyway flyway, String location) {
    boolean visible;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      visible = historyPlaced(s);
    } catch (SQLException e) {
      throw new StoreException("could not read the migrations' history on the Citus worker (SQL state "
          + e.getSQLState() + ")", e);
    }
    if (!visible) {
      throw new IllegalStateException("this database is a Citus worker and the coordinator has not migrated it ("
          + location + "): no history of the migrations is placed on the workers. Start a node connected to the "
          + "coordinator first; it applies the migrations, and nodes on the workers then start");
    }
    MigrationInfo[] pending = flyway.info().pending();
    if (pending.length > 0) {
      throw new IllegalStateException("this database is a Citus worker; migrations run on the coordinator only, and "
          + "it has not applied " + Arrays.stream(pending).map(m -> "V" + m.getVersion() + " " + m.getDescription())
              .collect(Collectors.joining(", ")) + " (" + location + "). Start (or upgrade) a node connected to the "
          + "coordinator first");
    }
    ValidateResult result = flyway.validateWithResult();
    if (!result.validationSuccessful) {
      throw new IllegalStateException("this database is a Citus worker and the migrations the coordinator applied ("
          + location + ") differ from this build's: " + result.getAllErrorMessages());
    }
  }
}

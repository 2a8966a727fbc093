package org.parcelveil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: a fresh database on a real PostgreSQL server that the suite starts once per JVM, with
 * the same launcher and binaries as the embedded store (without fsync: test data is thrown away), or on a Citus
 * cluster (a coordinator and two workers) that the suite also starts once per JVM.
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres.Lease server;

  private TestDatabases() {}

  /**
   * The kinds a storage test runs against, for {@code @MethodSource}: plain PostgreSQL and Citus. Without Citus on
   * the machine the "citus" runs are skipped, or fail with {@code -Dpv.requireCitus=true} (as CI runs).
   */
  public static Stream<String> kinds() {
    return Stream.of("postgres", "citus");
  }

  public static DatabaseSettings fresh(String kind) {
    return switch (kind) {
      case "postgres" -> freshPostgres();
      case "citus" -> freshCitus();
      default -> throw new IllegalArgumentException("no database kind " + kind);
    };
  }

  /** A new database on the shared Citus cluster, or the test is skipped when Citus is not installed. */
  public static DatabaseSettings freshCitus() {
    if (!CitusCluster.installed()) {
      String why = "Citus is not installed into " + CitusCluster.BIN.getParent()
          + " (run ../shared/citus/install-citus as root)";
      if (Boolean.getBoolean("pv.requireCitus")) {
        throw new AssertionError(why + ", and -Dpv.requireCitus=true");
      }
      Assumptions.abort(why + ": the Citus run is skipped");
    }
    return CitusCluster.get().fresh();
  }

  /**
   * The same database as {@code coordinator} (from {@link #freshCitus()}) on one of the cluster's workers (0 or 1),
   * where Citus answers queries on the distributed and reference tables too.
   */
  public static DatabaseSettings onCitusWorker(DatabaseSettings coordinator, int worker) {
    String database = coordinator.url().substring(coordinator.url().lastIndexOf('/') + 1);
    return new DatabaseSettings(CitusCluster.get().workerUrl(worker, database), coordinator.user(),
        coordinator.password());
  }

  /** A new, empty database on the shared PostgreSQL server. */
  public static synchronized DatabaseSettings freshPostgres() {
    try {
      if (server == null) {
        Path dir = Files.createTempDirectory("pv-test-pg-");
        server = EmbeddedPostgres.acquire(dir, EmbeddedPostgres.Mode.THROWAWAY);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          server.close();
          try {
            PrivateFiles.deleteTree(dir);
          } catch (IOException ignored) {
            // the JVM is exiting
          }
        }));
      }
      String name = "pv_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
      try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), "");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return new DatabaseSettings(server.jdbcUrl(name), server.user(), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

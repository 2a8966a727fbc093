package org.parcelveil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's relational store: a pooled data source, migrated by Flyway on open.
 *
 * <p>H2 (embedded default) and PostgreSQL run the same migrations, plus a folder of each one's own where a single
 * database needs something the other cannot express: on PostgreSQL, the PL/pgSQL function that spends disclosure
 * budgets in one round trip. Otherwise the schema avoids PostgreSQL-only features, so that PostgreSQL-compatible
 * distributed SQL engines can run it too (those with PL/pgSQL can run that function).
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Dialect dialect;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /** Opens the database and applies the migrations under {@code classpath:db/<location>}. */
  public static Database open(DatabaseSettings settings, String location, int poolSize) {
    return open(settings, location, null, poolSize);
  }

  /**
   * Opens the database with its tables in their own {@code schema} (PostgreSQL; ignored on H2, where each store is
   * its own file) and applies the migrations under {@code classpath:db/<location>}.
   */
  public static Database open(DatabaseSettings settings, String location, String schema, int poolSize) {
    if (settings.isH2()) {
      H2Files.compactIfSparse(settings);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("pv-" + location);
    // Fail fast when the database is down rather than queueing requests for half a minute.
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(10_000);
    boolean separateSchema = schema != null && settings.isPostgres();
    if (settings.isPostgres()) {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      if (separateSchema) {
        config.addDataSourceProperty("currentSchema", schema);
      }
    }
    HikariDataSource ds = new HikariDataSource(config);
    try {
      var flyway = Flyway.configure();
      if (separateSchema) {
        flyway.schemas(schema);
      }
      flyway
          .dataSource(ds)
          .locations(locations(location, settings))
          .table("pv_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, Dialect.of(settings));
  }

  /**
   * {@code db/<location>}, shared by both databases, and {@code db/<location>-postgresql} or {@code -h2} where it
   * exists, for what only one of them can express (such as a PL/pgSQL function). Versions never repeat across them.
   */
  static String[] locations(String location, DatabaseSettings settings) {
    String vendor = "db/" + location + (settings.isPostgres() ? "-postgresql" : "-h2");
    return Database.class.getClassLoader().getResource(vendor) == null
        ? new String[] {"classpath:db/" + location}
        : new String[] {"classpath:db/" + location, "classpath:" + vendor};
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

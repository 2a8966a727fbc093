package org.parcelveil.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/** Rows of the key store. */
final class KeyMaterialRepository {
  static final String CHECK_NAME = "master-check";
  private static final String COLUMNS = "name, version, kind, state, material, master_gen, params";
  private static final String LOCK_CHECK =
      "SELECT master_gen FROM key_material WHERE name = '" + CHECK_NAME + "' AND version = 1 FOR UPDATE";

  private final DataSource dataSource;

  KeyMaterialRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  boolean isEmpty() {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM key_material")) {
      rs.next();
      return rs.getLong(1) == 0;
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  Optional<KeyMaterial> find(String name, int version) {
    List<KeyMaterial> l = query("SELECT " + COLUMNS + " FROM key_material WHERE name = ? AND version = ?", name,
        version);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  List<KeyMaterial> findAll(String name) {
    return query("SELECT " + COLUMNS + " FROM key_material WHERE name = ? ORDER BY version", name);
  }

  /** Every version but the bucket keys (whose number grows with time), with dates and without material. */
  List<KeyVersion> versionsButBuckets() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT name, version, kind, state, master_gen, params, created_at, "
            + "destroyed_at FROM key_material WHERE name NOT LIKE 'bucket/%' ORDER BY name, version");
        ResultSet rs = ps.executeQuery()) {
      List<KeyVersion> out = new ArrayList<>();
      while (rs.next()) {
        Timestamp destroyed = rs.getTimestamp(8);
        out.add(new KeyVersion(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getString(6), rs.getTimestamp(7).toInstant(), destroyed == null ? null : destroyed.toInstant()));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  List<String> liveNamesWithPrefix(String prefix) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT name FROM key_material WHERE name LIKE ? AND material IS NOT NULL")) {
      ps.setString(1, prefix + "%");
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  /** Inserts the row unless one with its name and version exists (another node created it first). */
  void insertIfAbsent(KeyMaterial m) {
    try (Connection c = dataSource.getConnection()) {
      insert(c, m);
    } catch (SQLException e) {
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException("key store unavailable", e);
      }
    }
  }

  /**
   * Inserts the row (unless it exists) while holding the master-check row's lock, and only if the store's master
   * generation is still {@code m.masterGen()}: a row wrapped under a master key that a rotation has just replaced
   * would be unreadable. Returns false if the generation moved on.
   */
  boolean insertUnderGeneration(KeyMaterial m) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (lockGeneration(c) != m.masterGen()) {
          c.rollback();
          return false;
        }
        insert(c, m);
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
          return true;
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  /** Locks the master-check row until the transaction ends and returns the store's master generation. */
  static int lockGeneration(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(LOCK_CHECK)) {
      if (!rs.next()) {
        throw new KeyStoreException("the key store has no master-key check record");
      }
      return rs.getInt(1);
    }
  }

  /** Every row, read in the caller's transaction. */
  static List<KeyMaterial> all(Connection c) throws SQLException {
    List<KeyMaterial> out = new ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(
        "SELECT " + COLUMNS + " FROM key_material ORDER BY name, version")) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  /** Stores the re-wrapped material of one row, in the caller's transaction. */
  static void update(Connection c, KeyMaterial m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE key_material SET material = ?, master_gen = ? WHERE name = ? AND version = ?")) {
      ps.setString(1, m.material());
      ps.setInt(2, m.masterGen());
      ps.setString(3, m.name());
      ps.setInt(4, m.version());
      if (ps.executeUpdate() != 1) {
        throw new KeyStoreException("the key " + m.name() + " v" + m.version() + " vanished during re-wrapping");
      }
    }
  }

  boolean destroy(String name, int version) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE key_material SET material = NULL, state = 'DESTROYED', "
            + "destroyed_at = ? WHERE name = ? AND version = ? AND material IS NOT NULL")) {
      ps.setTimestamp(1, Timestamp.from(Instant.now()));
      ps.setString(2, name);
      ps.setInt(3, version);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  private static void insert(Connection c, KeyMaterial m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO key_material "
        + "(name, version, kind, state, created_at, material, master_gen, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, m.name());
      ps.setInt(2, m.version());
      ps.setString(3, m.kind());
      ps.setString(4, m.state());
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.setString(6, m.material());
      ps.setInt(7, m.masterGen());
      ps.setString(8, m.params());
      ps.executeUpdate();
    }
  }

  private List<KeyMaterial> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<KeyMaterial> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  private static KeyMaterial read(ResultSet rs) throws SQLException {
    return new KeyMaterial(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getInt(6), rs.getString(7));
  }
}

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
  private final DataSource dataSource;

  KeyMaterialRepository(DataSource dataSource) {
    this.dataSource = dataSource;
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT name, version, kind, state, material FROM key_material WHERE name = ? AND version = ?")) {
      ps.setString(1, name);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("key store unavailable", e);
    }
  }

  List<KeyMaterial> findAll(String name) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT name, version, kind, state, material FROM key_material WHERE name = ? ORDER BY version")) {
      ps.setString(1, name);
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO key_material "
            + "(name, version, kind, state, created_at, material) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, m.name());
      ps.setInt(2, m.version());
      ps.setString(3, m.kind());
      ps.setString(4, m.state());
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.setString(6, m.material());
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException("key store unavailable", e);
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

  private static KeyMaterial read(ResultSet rs) throws SQLException {
    return new KeyMaterial(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5));
  }
}

package org.parcelveil.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for published checkpoints and the public keys that signed them. */
final class CheckpointStore {
  private CheckpointStore() {}

  /** A published checkpoint as stored: its size and root, and the signed note. */
  record Stored(long size, byte[] root, String note, int keyVersion) {}

  static Optional<Stored> latest(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT tree_size, root_hash, note, key_version FROM audit_checkpoints "
            + "WHERE tree_size = (SELECT MAX(tree_size) FROM audit_checkpoints)");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  static List<Stored> all(Connection c) throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT tree_size, root_hash, note, key_version FROM audit_checkpoints ORDER BY tree_size");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  static void insert(Connection c, Checkpoint cp, String note, int keyVersion, long micros) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_checkpoints (tree_size, root_hash, note, key_version, published_us) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, cp.size());
      ps.setBytes(2, cp.root());
      ps.setString(3, note);
      ps.setInt(4, keyVersion);
      ps.setLong(5, micros);
      ps.executeUpdate();
    }
  }

  /** Records a signing key's public half the first time it signs. */
  static void rememberKey(Connection c, int version, String vkey, long micros) throws SQLException {
    try (PreparedStatement check = c.prepareStatement("SELECT vkey FROM audit_keys WHERE key_version = ?")) {
      check.setInt(1, version);
      try (ResultSet rs = check.executeQuery()) {
        if (rs.next()) {
          if (!rs.getString(1).equals(vkey)) {
            throw new SQLException("the stored public key of audit key version " + version + " differs");
          }
          return;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_keys (key_version, vkey, first_us) VALUES (?, ?, ?)")) {
      ps.setInt(1, version);
      ps.setString(2, vkey);
      ps.setLong(3, micros);
      ps.executeUpdate();
    }
  }

  /** Every public key that signed a checkpoint, oldest version first. */
  static List<String> keys(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT vkey FROM audit_keys ORDER BY key_version");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static Stored read(ResultSet rs) throws SQLException {
    return new Stored(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getInt(4));
  }
}

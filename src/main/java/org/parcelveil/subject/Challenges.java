package org.parcelveil.subject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;

/** The {@code subject_challenges} rows: one-time codes as keyed MACs, phones as blind indexes. */
final class Challenges {
  private final DataSource dataSource;

  Challenges(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** An open challenge: its id, code MAC and the guesses made so far. */
  record Open(String id, String codeMac, int attempts) {}

  void insert(String id, String phoneIdx, String codeMac, Instant now, Instant expires) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO subject_challenges "
            + "(id, phone_idx, code_mac, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, phoneIdx);
      ps.setString(3, codeMac);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setTimestamp(5, Timestamp.from(expires));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not store the challenge", e);
    }
  }

  /** How many challenges the phone (any of its indexes) asked for since {@code since}. */
  int countSince(List<String> phoneIdx, Instant since) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM subject_challenges WHERE phone_idx IN "
            + in(phoneIdx) + " AND created_at >= ?")) {
      int i = bind(ps, phoneIdx);
      ps.setTimestamp(i, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("could not count challenges", e);
    }
  }

  /** The phone's newest unused, unexpired challenge. */
  Optional<Open> newestOpen(List<String> phoneIdx, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, code_mac, attempts FROM subject_challenges "
            + "WHERE phone_idx IN " + in(phoneIdx) + " AND used_at IS NULL AND expires_at > ? "
            + "ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")) {
      int i = bind(ps, phoneIdx);
      ps.setTimestamp(i, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Open(rs.getString(1), rs.getString(2), rs.getInt(3))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read challenges", e);
    }
  }

  /** Spends one guess; false if none was left (checked in the database, so nodes share the count). */
  boolean spendAttempt(String id, int max) {
    return update("UPDATE subject_challenges SET attempts = attempts + 1 WHERE id = ? AND attempts < ?", id, max);
  }

  /** Uses the challenge up; false if another request used it first. */
  boolean markUsed(String id, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE subject_challenges SET used_at = ? WHERE id = ? AND used_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("could not use the challenge", e);
    }
  }

  /** Deletes challenges created before {@code before}: they hold blind indexes of phones, kept no longer than needed. */
  void purgeBefore(Instant before) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM subject_challenges WHERE created_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(before));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not purge challenges", e);
    }
  }

  private boolean update(String sql, String id, int max) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setInt(2, max);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("could not update the challenge", e);
    }
  }

  private static String in(List<String> values) {
    return "(" + "?, ".repeat(values.size() - 1) + "?)";
  }

  private static int bind(PreparedStatement ps, List<String> values) throws SQLException {
    int i = 1;
    for (String v : values) {
      ps.setString(i++, v);
    }
    return i;
  }
}

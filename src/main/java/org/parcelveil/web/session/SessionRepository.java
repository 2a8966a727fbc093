package org.parcelveil.web.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;

/** Console sessions as rows, keyed by the hash of the session id. */
final class SessionRepository {
  private final DataSource dataSource;

  SessionRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void insert(Session s) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO web_sessions (id_hash, principal_id, stage, created_at, "
            + "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.idHash());
      ps.setString(2, s.principalId());
      ps.setString(3, s.stage().name());
      ps.setTimestamp(4, Timestamp.from(s.createdAt()));
      ps.setTimestamp(5, Timestamp.from(s.lastSeenAt()));
      ps.setTimestamp(6, Timestamp.from(s.expiresAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not store the session", e);
    }
  }

  Optional<Session> find(String idHash) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id_hash, principal_id, stage, created_at, last_seen_at, "
            + "expires_at FROM web_sessions WHERE id_hash = ?")) {
      ps.setString(1, idHash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Session(rs.getString(1), rs.getString(2), Session.Stage.valueOf(rs.getString(3)),
            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the session", e);
    }
  }

  void touch(String idHash, Instant now) {
    update("UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?", Timestamp.from(now), idHash);
  }

  void delete(String idHash) {
    update("DELETE FROM web_sessions WHERE id_hash = ?", idHash);
  }

  /** Ends every session of a principal (revocation, sign-out everywhere, a new password). */
  int deleteAllOf(String principalId) {
    return update("DELETE FROM web_sessions WHERE principal_id = ?", principalId);
  }

  int deleteExpired(Instant now) {
    return update("DELETE FROM web_sessions WHERE expires_at < ?", Timestamp.from(now));
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not update sessions", e);
    }
  }
}

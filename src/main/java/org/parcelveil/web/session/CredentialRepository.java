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

/** Console credentials and one-time set-up links as rows. */
final class CredentialRepository {
  private final DataSource dataSource;

  CredentialRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private static final String SELECT = "SELECT principal_id, login, password_hash, totp_sealed, totp_enabled, "
      + "totp_last_step, failed_count, locked_until FROM web_credentials WHERE ";

  Optional<Credential> find(String principalId) {
    return one(SELECT + "principal_id = ?", principalId);
  }

  Optional<Credential> findByLogin(String login) {
    return one(SELECT + "login = ?", login);
  }

  private Optional<Credential> one(String sql, String arg) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp locked = rs.getTimestamp(8);
        return Optional.of(new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
            rs.getBoolean(5), rs.getLong(6), rs.getInt(7), locked == null ? null : locked.toInstant()));
      }
    } catch (SQLException e) {
      throw new StoreException("could not read credentials", e);
    }
  }

  /**
   * Records {@code step} as the last second-factor step used, if it is newer than the last: false means the code
   * was used before (a replay).
   */
  boolean useTotpStep(String principalId, long step) {
    return update("UPDATE web_credentials SET totp_last_step = ? WHERE principal_id = ? AND totp_last_step < ?",
        step, principalId, step) == 1;
  }

  /** Writes the whole row (insert or replace). */
  void save(Credential cr, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement("UPDATE web_credentials SET login = ?, password_hash = ?, "
              + "totp_sealed = ?, totp_enabled = ?, totp_last_step = ?, failed_count = ?, locked_until = ?, "
              + "updated_at = ? WHERE principal_id = ?");
          PreparedStatement in = c.prepareStatement("INSERT INTO web_credentials (login, password_hash, totp_sealed, "
              + "totp_enabled, totp_last_step, failed_count, locked_until, updated_at, principal_id) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        bind(up, cr, now);
        if (up.executeUpdate() == 0) {
          bind(in, cr, now);
          in.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not store credentials", e);
    }
  }

  /**
   * Counts one failed attempt in the database (so every node sees it) and returns the new count; the caller then
   * sets the lock.
   */
  int countFailure(String principalId, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE web_credentials SET failed_count = failed_count + 1, updated_at = ? WHERE principal_id = ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, principalId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not count a failed sign-in", e);
    }
    return find(principalId).map(Credential::failedCount).orElse(0);
  }

  void lockUntil(String principalId, Instant until) {
    update("UPDATE web_credentials SET locked_until = ? WHERE principal_id = ?", Timestamp.from(until), principalId);
  }

  void clearFailures(String principalId) {
    update("UPDATE web_credentials SET failed_count = 0, locked_until = NULL WHERE principal_id = ?", principalId);
  }

  void insertLink(String tokenHash, String principalId, String createdBy, Instant now, Instant expires) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO web_setup_links (token_hash, principal_id, created_by, "
            + "created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, tokenHash);
      ps.setString(2, principalId);
      ps.setString(3, createdBy);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setTimestamp(5, Timestamp.from(expires));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not store the set-up link", e);
    }
  }

  /** The principal of an unused, unexpired link. */
  Optional<String> linkOwner(String tokenHash, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT principal_id FROM web_setup_links "
            + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
      ps.setString(1, tokenHash);
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the set-up link", e);
    }
  }

  /** Marks the link used; false if another request used it first (a link works once). */
  boolean useLink(String tokenHash, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE web_setup_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, tokenHash);
      ps.setTimestamp(3, Timestamp.from(now));
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("could not use the set-up link", e);
    }
  }

  /** Voids every unused link of a principal (a newer link replaces older ones). */
  void voidLinks(String principalId, Instant now) {
    update("UPDATE web_setup_links SET used_at = ? WHERE principal_id = ? AND used_at IS NULL",
        Timestamp.from(now), principalId);
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not update credentials", e);
    }
  }

  private static void bind(PreparedStatement ps, Credential cr, Instant now) throws SQLException {
    ps.setString(1, cr.login());
    ps.setString(2, cr.passwordHash());
    ps.setBytes(3, cr.totpSealed());
    ps.setBoolean(4, cr.totpEnabled());
    ps.setLong(5, cr.totpLastStep());
    ps.setInt(6, cr.failedCount());
    ps.setTimestamp(7, cr.lockedUntil() == null ? null : Timestamp.from(cr.lockedUntil()));
    ps.setTimestamp(8, Timestamp.from(now));
    ps.setString(9, cr.principalId());
  }
}

package org.parcelveil.web.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.StoreException;

/** Console credentials and one-time set-up links as rows. */
final class CredentialRepository {
  private final DataSource dataSource;

  CredentialRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private static final String SELECT = "SELECT principal_id, login, password_hash, totp_sealed, totp_enabled, "
      + "totp_last_step FROM web_credentials WHERE ";

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
        return Optional.of(new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
            rs.getBoolean(5), rs.getLong(6)));
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

  /**
   * Writes the whole row (insert or replace) but the second factor's failure count, which only
   * {@link #chargeSecondFactor} and {@link #clearSecondFactorFailures} change: a row read before a failure and
   * written after it must not wipe that failure out.
   */
  void save(Credential cr, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement("UPDATE web_credentials SET login = ?, password_hash = ?, "
              + "totp_sealed = ?, totp_enabled = ?, totp_last_step = ?, updated_at = ? WHERE principal_id = ?");
          PreparedStatement in = c.prepareStatement("INSERT INTO web_credentials (login, password_hash, totp_sealed, "
              + "totp_enabled, totp_last_step, totp_failures, updated_at, principal_id) "
              + "VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
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
   * Counts one second-factor attempt as failed before its code is checked (see {@link Charge}); refused without
   * counting while a lock runs. The row is locked meanwhile, so attempts racing on several nodes take turns.
   */
  Charge chargeSecondFactor(String principalId, Lockout policy, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement read = c.prepareStatement(
              "SELECT totp_failures, totp_locked_until FROM web_credentials WHERE principal_id = ? FOR UPDATE");
          PreparedStatement write = c.prepareStatement("UPDATE web_credentials SET totp_failures = ?, "
              + "totp_locked_until = ? WHERE principal_id = ?")) {
        read.setString(1, principalId);
        int failures;
        @Nullable Instant locked;
        try (ResultSet rs = read.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException("credentials vanished", null);
          }
          failures = rs.getInt(1);
          Timestamp t = rs.getTimestamp(2);
          locked = t == null ? null : t.toInstant();
        }
        if (locked != null && locked.isAfter(now)) {
          c.rollback();
          return Charge.locked(locked);
        }
        Instant lockIfFails = Charge.lockAfter(policy, failures + 1, now);
        write.setInt(1, failures + 1);
        write.setTimestamp(2, lockIfFails == null ? null : Timestamp.from(lockIfFails));
        write.setString(3, principalId);
        write.executeUpdate();
        c.commit();
        return new Charge(null, lockIfFails);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not count a second-factor attempt", e);
    }
  }

  void clearSecondFactorFailures(String principalId) {
    update("UPDATE web_credentials SET totp_failures = 0, totp_locked_until = NULL WHERE principal_id = ?",
        principalId);
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
    ps.setTimestamp(6, Timestamp.from(now));
    ps.setString(7, cr.principalId());
  }
}

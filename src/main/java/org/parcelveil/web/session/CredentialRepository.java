package org.parcelveil.web.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;

/** Console credentials and one-time set-up links as rows. */
final class CredentialRepository {
  private static final String SELECT = "SELECT principal_id, login, password_hash, totp_sealed, totp_enabled, "
      + "totp_last_step FROM web_credentials WHERE ";
  private static final String READ_FAILED = "could not read credentials";
  private static final String UPDATE_FAILED = "could not update credentials";
  private static final RowMapper<Credential> CREDENTIAL = (rs, ctx) -> new Credential(rs.getString("principal_id"),
      rs.getString("login"), rs.getString("password_hash"), rs.getBytes("totp_sealed"),
      rs.getBoolean("totp_enabled"), rs.getLong("totp_last_step"));
  private static final RowMapper<SecondFactor> SECOND_FACTOR = (rs, ctx) -> {
    Timestamp locked = rs.getTimestamp("totp_locked_until");
    return new SecondFactor(rs.getInt("totp_failures"), locked == null ? null : locked.toInstant());
  };
  private final Sql sql;

  CredentialRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** The second factor's failure count and running lock, as read under the row's lock. */
  private record SecondFactor(int failures, @Nullable Instant lockedUntil) {}

  Optional<Credential> find(String principalId) {
    return sql.withHandle(READ_FAILED, h -> h.createQuery(SELECT + "principal_id = :principalId")
        .bind("principalId", principalId).map(CREDENTIAL).findFirst());
  }

  Optional<Credential> findByLogin(String login) {
    return sql.withHandle(READ_FAILED, h -> h.createQuery(SELECT + "login = :login")
        .bind("login", login).map(CREDENTIAL).findFirst());
  }

  /**
   * Records {@code step} as the last second-factor step used, if it is newer than the last: false means the code
   * was used before (a replay).
   */
  boolean useTotpStep(String principalId, long step) {
    return sql.withHandle(UPDATE_FAILED, h -> h.createUpdate("UPDATE web_credentials SET totp_last_step = :step "
            + "WHERE principal_id = :principalId AND totp_last_step < :step")
        .bind("step", step).bind("principalId", principalId)
        .execute() == 1);
  }

  /**
   * Writes the whole row (insert or replace) but the second factor's failure count, which only
   * {@link #chargeSecondFactor} and {@link #clearSecondFactorFailures} change: a row read before a failure and
   * written after it must not wipe that failure out.
   */
  void save(Credential cr, Instant now) {
    sql.useTransaction("could not store credentials", h -> {
      int updated = bind(h.createUpdate("UPDATE web_credentials SET login = :login, password_hash = :passwordHash, "
              + "totp_sealed = :totpSealed, totp_enabled = :totpEnabled, totp_last_step = :totpLastStep, "
              + "updated_at = :now WHERE principal_id = :principalId"), cr, now)
          .execute();
      if (updated == 0) {
        bind(h.createUpdate("INSERT INTO web_credentials (login, password_hash, totp_sealed, totp_enabled, "
                + "totp_last_step, totp_failures, updated_at, principal_id) VALUES (:login, :passwordHash, "
                + ":totpSealed, :totpEnabled, :totpLastStep, 0, :now, :principalId)"), cr, now)
            .execute();
      }
    });
  }

  /**
   * Counts one second-factor attempt as failed before its code is checked (see {@link Charge}); refused without
   * counting while a lock runs. The row is locked meanwhile, so attempts racing on several nodes take turns.
   */
  Charge chargeSecondFactor(String principalId, Lockout policy, Instant now) {
    return sql.inTransaction("could not count a second-factor attempt", h -> {
      SecondFactor read = h.createQuery("SELECT totp_failures, totp_locked_until FROM web_credentials "
              + "WHERE principal_id = :principalId FOR UPDATE")
          .bind("principalId", principalId).map(SECOND_FACTOR).findFirst()
          .orElseThrow(() -> new StoreException("credentials vanished", null));
      Instant locked = read.lockedUntil();
      if (locked != null && locked.isAfter(now)) {
        h.rollback();
        return Charge.locked(locked);
      }
      Instant lockIfFails = Charge.lockAfter(policy, read.failures() + 1, now);
      h.createUpdate("UPDATE web_credentials SET totp_failures = :failures, totp_locked_until = :lockedUntil "
              + "WHERE principal_id = :principalId")
          .bind("failures", read.failures() + 1).bindByType("lockedUntil", lockIfFails, Instant.class)
          .bind("principalId", principalId)
          .execute();
      return new Charge(null, lockIfFails);
    });
  }

  void clearSecondFactorFailures(String principalId) {
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate("UPDATE web_credentials SET totp_failures = 0, "
            + "totp_locked_until = NULL WHERE principal_id = :principalId")
        .bind("principalId", principalId)
        .execute());
  }

  void insertLink(String tokenHash, String principalId, String createdBy, Instant now, Instant expires) {
    sql.useHandle("could not store the set-up link", h -> h.createUpdate("INSERT INTO web_setup_links (token_hash, "
            + "principal_id, created_by, created_at, expires_at) "
            + "VALUES (:tokenHash, :principalId, :createdBy, :now, :expires)")
        .bind("tokenHash", tokenHash).bind("principalId", principalId).bind("createdBy", createdBy)
        .bind("now", now).bind("expires", expires)
        .execute());
  }

  /** The principal of an unused, unexpired link. */
  Optional<String> linkOwner(String tokenHash, Instant now) {
    return sql.withHandle("could not read the set-up link", h -> h.createQuery("SELECT principal_id "
            + "FROM web_setup_links WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now")
        .bind("tokenHash", tokenHash).bind("now", now)
        .mapTo(String.class).findFirst());
  }

  /** Marks the link used; false if another request used it first (a link works once). */
  boolean useLink(String tokenHash, Instant now) {
    return sql.withHandle("could not use the set-up link", h -> h.createUpdate("UPDATE web_setup_links "
            + "SET used_at = :now WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now")
        .bind("now", now).bind("tokenHash", tokenHash)
        .execute() == 1);
  }

  /** Voids every unused link of a principal (a newer link replaces older ones). */
  void voidLinks(String principalId, Instant now) {
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate("UPDATE web_setup_links SET used_at = :now "
            + "WHERE principal_id = :principalId AND used_at IS NULL")
        .bind("now", now).bind("principalId", principalId)
        .execute());
  }

  private static Update bind(Update u, Credential cr, Instant now) {
    return u.bind("login", cr.login()).bind("passwordHash", cr.passwordHash()).bind("totpSealed", cr.totpSealed())
        .bind("totpEnabled", cr.totpEnabled()).bind("totpLastStep", cr.totpLastStep()).bind("now", now)
        .bind("principalId", cr.principalId());
  }
}

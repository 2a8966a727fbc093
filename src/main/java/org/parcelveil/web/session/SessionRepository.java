package org.parcelveil.web.session;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;

/** Console sessions as rows, keyed by the hash of the session id. */
final class SessionRepository {
  private static final String UPDATE_FAILED = "could not update sessions";
  private static final RowMapper<Session> SESSION = (rs, ctx) -> new Session(rs.getString("id_hash"),
      rs.getString("principal_id"), Session.Stage.valueOf(rs.getString("stage")),
      rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
      rs.getTimestamp("expires_at").toInstant());
  private final Sql sql;

  SessionRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  void insert(Session s) {
    sql.useHandle("could not store the session", h -> h.createUpdate("INSERT INTO web_sessions (id_hash, "
            + "principal_id, stage, created_at, last_seen_at, expires_at) "
            + "VALUES (:idHash, :principalId, :stage, :createdAt, :lastSeenAt, :expiresAt)")
        .bind("idHash", s.idHash()).bind("principalId", s.principalId()).bind("stage", s.stage().name())
        .bind("createdAt", s.createdAt()).bind("lastSeenAt", s.lastSeenAt()).bind("expiresAt", s.expiresAt())
        .execute());
  }

  Optional<Session> find(String idHash) {
    return sql.withHandle("could not read the session", h -> h.createQuery("SELECT id_hash, principal_id, stage, "
            + "created_at, last_seen_at, expires_at FROM web_sessions WHERE id_hash = :idHash")
        .bind("idHash", idHash).map(SESSION).findFirst());
  }

  void touch(String idHash, Instant now) {
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate(
            "UPDATE web_sessions SET last_seen_at = :now WHERE id_hash = :idHash")
        .bind("now", now).bind("idHash", idHash)
        .execute());
  }

  void delete(String idHash) {
    sql.useHandle(UPDATE_FAILED, h -> h.createUpdate("DELETE FROM web_sessions WHERE id_hash = :idHash")
        .bind("idHash", idHash)
        .execute());
  }

  /** Ends every session of a principal (revocation, sign-out everywhere, a new password). */
  int deleteAllOf(String principalId) {
    return sql.withHandle(UPDATE_FAILED, h -> h.createUpdate(
            "DELETE FROM web_sessions WHERE principal_id = :principalId")
        .bind("principalId", principalId)
        .execute());
  }

  int deleteExpired(Instant now) {
    return sql.withHandle(UPDATE_FAILED, h -> h.createUpdate("DELETE FROM web_sessions WHERE expires_at < :now")
        .bind("now", now)
        .execute());
  }
}

package org.parcelveil.subject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;

/** The {@code subject_challenges} rows: one-time codes as keyed MACs, phones as blind indexes. */
final class Challenges {
  private static final RowMapper<Open> OPEN = (rs, ctx) -> new Open(rs.getString("id"), rs.getString("code_mac"),
      rs.getInt("attempts"));
  private final Sql sql;

  Challenges(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** An open challenge: its id, code MAC and the guesses made so far. */
  record Open(String id, String codeMac, int attempts) {}

  void insert(String id, String phoneIdx, String codeMac, Instant now, Instant expires) {
    sql.useHandle("could not store the challenge", h -> h.createUpdate("INSERT INTO subject_challenges "
            + "(id, phone_idx, code_mac, created_at, expires_at) VALUES (:id, :phoneIdx, :codeMac, :now, :expires)")
        .bind("id", id).bind("phoneIdx", phoneIdx).bind("codeMac", codeMac).bind("now", now)
        .bind("expires", expires)
        .execute());
  }

  /** How many challenges the phone (any of its indexes) asked for since {@code since}. */
  int countSince(List<String> phoneIdx, Instant since) {
    return sql.withHandle("could not count challenges", h -> h.createQuery(
            "SELECT COUNT(*) FROM subject_challenges WHERE phone_idx IN (<phoneIdx>) AND created_at >= :since")
        .bindList("phoneIdx", phoneIdx).bind("since", since)
        .mapTo(int.class).one());
  }

  /** The phone's newest unused, unexpired challenge. */
  Optional<Open> newestOpen(List<String> phoneIdx, Instant now) {
    return sql.withHandle("could not read challenges", h -> h.createQuery("SELECT id, code_mac, attempts "
            + "FROM subject_challenges WHERE phone_idx IN (<phoneIdx>) AND used_at IS NULL AND expires_at > :now "
            + "ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY")
        .bindList("phoneIdx", phoneIdx).bind("now", now)
        .map(OPEN).findFirst());
  }

  /** Spends one guess; false if none was left (checked in the database, so nodes share the count). */
  boolean spendAttempt(String id, int max) {
    return sql.withHandle("could not update the challenge", h -> h.createUpdate(
            "UPDATE subject_challenges SET attempts = attempts + 1 WHERE id = :id AND attempts < :max")
        .bind("id", id).bind("max", max)
        .execute() == 1);
  }

  /** Uses the challenge up; false if another request used it first. */
  boolean markUsed(String id, Instant now) {
    return sql.withHandle("could not use the challenge", h -> h.createUpdate(
            "UPDATE subject_challenges SET used_at = :now WHERE id = :id AND used_at IS NULL")
        .bind("now", now).bind("id", id)
        .execute() == 1);
  }

  /** Deletes challenges created before {@code before}: they hold blind indexes of phones, kept no longer than needed. */
  void purgeBefore(Instant before) {
    sql.useHandle("could not purge challenges", h -> h.createUpdate(
            "DELETE FROM subject_challenges WHERE created_at < :before")
        .bind("before", before)
        .execute());
  }
}

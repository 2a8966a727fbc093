package org.parcelveil.pickup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;

/**
 * The pickup feature's tables: {@code pickup_codes} (one live code of each kind per parcel, as a MAC) and
 * {@code pickup_staff_misses} (wrong codes per staff member and day).
 * Tries and misses are counted in the database, so every node sees the same count.
 */
final class CodeStore {
  private static final RowMapper<StoredCode> CODE = (rs, ctx) -> new StoredCode(rs.getString("code_mac"),
      rs.getInt("key_version"), rs.getTimestamp("expires_at").toInstant(), rs.getInt("tries"),
      rs.getTimestamp("used_at") != null);
  private final Sql sql;

  CodeStore(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** A parcel's live code of one kind: its MAC and key version, expiry, tries spent, and whether it was used. */
  record StoredCode(String mac, int keyVersion, Instant expiresAt, int tries, boolean used) {
    @Override
    public String toString() {
      return "StoredCode[mac=[REDACTED], expiresAt=" + expiresAt + ", tries=" + tries + ", used=" + used + "]";
    }
  }

  /** Stores a new code for the parcel, replacing the old one with its tries (a re-shelved parcel starts afresh). */
  void put(String waybill, CodeKind kind, String mac, int keyVersion, Instant now, Instant expires) {
    sql.useHandle("could not store the pickup code", h -> h.createUpdate("INSERT INTO pickup_codes "
            + "(waybill, kind, code_mac, key_version, issued_at, expires_at, tries, used_at) "
            + "VALUES (:waybill, :kind, :mac, :version, :now, :expires, 0, NULL) "
            + "ON CONFLICT (waybill, kind) DO UPDATE SET code_mac = EXCLUDED.code_mac, "
            + "key_version = EXCLUDED.key_version, issued_at = EXCLUDED.issued_at, expires_at = EXCLUDED.expires_at, "
            + "tries = 0, used_at = NULL")
        .bind("waybill", waybill).bind("kind", kind.name()).bind("mac", mac).bind("version", keyVersion)
        .bind("now", now).bind("expires", expires)
        .execute());
  }

  Optional<StoredCode> find(String waybill, CodeKind kind) {
    return sql.withHandle("could not read the pickup code", h -> h.createQuery("SELECT code_mac, key_version, "
            + "expires_at, tries, used_at FROM pickup_codes WHERE waybill = :waybill AND kind = :kind")
        .bind("waybill", waybill).bind("kind", kind.name())
        .map(CODE).findFirst());
  }

  /**
   * Spends one try of the parcel's unused code; false if none was left. One guarded statement, so two nodes
   * guessing at once never get more than the limit between them.
   */
  boolean spendTry(String waybill, CodeKind kind, int max) {
    return sql.withHandle("could not count the try", h -> h.createUpdate("UPDATE pickup_codes SET tries = tries + 1 "
            + "WHERE waybill = :waybill AND kind = :kind AND tries < :max AND used_at IS NULL")
        .bind("waybill", waybill).bind("kind", kind.name()).bind("max", max)
        .execute() == 1);
  }

  /** Uses the code up; false if another request used it first. */
  boolean markUsed(String waybill, CodeKind kind, Instant now) {
    return sql.withHandle("could not use the pickup code", h -> h.createUpdate("UPDATE pickup_codes SET used_at = :now "
            + "WHERE waybill = :waybill AND kind = :kind AND used_at IS NULL")
        .bind("now", now).bind("waybill", waybill).bind("kind", kind.name())
        .execute() == 1);
  }

  /** Forgets the parcel's codes: its journey is over, and a MAC bound to the phone's digits is kept no longer. */
  void forget(String waybill) {
    sql.useHandle("could not delete the pickup codes", h -> h.createUpdate(
            "DELETE FROM pickup_codes WHERE waybill = :waybill")
        .bind("waybill", waybill)
        .execute());
  }

  /** The wrong codes this staff member entered on {@code day}. */
  int misses(String principalId, LocalDate day) {
    return sql.withHandle("could not read the staff misses", h -> h.createQuery(
            "SELECT misses FROM pickup_staff_misses WHERE principal_id = :p AND day = :day")
        .bind("p", principalId).bind("day", day).mapTo(int.class).findFirst().orElse(0));
  }

  /** Counts a miss, and drops the staff member's counts of earlier days (only today's is ever read). */
  void addMiss(String principalId, LocalDate day) {
    sql.useTransaction("could not count the miss", h -> {
      h.createUpdate("INSERT INTO pickup_staff_misses (principal_id, day, misses) VALUES (:p, :day, 1) "
              + "ON CONFLICT (principal_id, day) DO UPDATE SET misses = pickup_staff_misses.misses + 1")
          .bind("p", principalId).bind("day", day)
          .execute();
      h.createUpdate("DELETE FROM pickup_staff_misses WHERE principal_id = :p AND day < :day")
          .bind("p", principalId).bind("day", day)
          .execute();
    });
  }
}

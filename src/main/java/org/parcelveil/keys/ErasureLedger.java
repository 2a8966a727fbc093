package org.parcelveil.keys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Database;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/**
 * The shipments erased early at their data subject's request, kept in the key store because that store is never
 * rolled back to a backup (doing so would bring destroyed keys back). If an older backup of the shipment database
 * is restored, the retention run finds here what to wipe again. An entry is needed only until its retention bucket
 * is shredded: from then on every copy of the row is unreadable anyway.
 */
public final class ErasureLedger {
  private static final String UNAVAILABLE = "key store unavailable";
  private static final RowMapper<Erasure> ERASURE = (rs, ctx) -> new Erasure(rs.getString("waybill"),
      rs.getObject("bucket", LocalDate.class), rs.getTimestamp("erased_at").toInstant());
  private final Sql sql;

  public ErasureLedger(Database keyDatabase) {
    this.sql = Sql.over(keyDatabase.dataSource());
  }

  /** One early erasure: the shipment and the bucket its data was encrypted under. */
  public record Erasure(String waybill, LocalDate bucket, Instant erasedAt) {}

  /** Records an erasure; recording it again changes nothing. */
  public void record(String waybill, LocalDate bucket, Instant at) {
    try {
      sql.useHandle(UNAVAILABLE, h -> h.createUpdate(
              "INSERT INTO erasures (waybill, bucket, erased_at) VALUES (:waybill, :bucket, :at)")
          .bind("waybill", waybill).bind("bucket", bucket).bind("at", at)
          .execute());
    } catch (DuplicateKeyException recordedBefore) {
      // The first record stands.
    }
  }

  /** Every erasure still needed, oldest bucket first. */
  public List<Erasure> all() {
    return sql.withHandle(UNAVAILABLE, h -> h.createQuery(
            "SELECT waybill, bucket, erased_at FROM erasures ORDER BY bucket, waybill")
        .map(ERASURE).list());
  }

  /** Forgets the erasures whose bucket is {@code day} or earlier (their buckets have been shredded). */
  public int forgetThrough(LocalDate day) {
    return sql.withHandle(UNAVAILABLE, h -> h.createUpdate("DELETE FROM erasures WHERE bucket <= :day")
        .bind("day", day).execute());
  }
}

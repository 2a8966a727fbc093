package org.parcelveil.shipment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.store.Sql;

/**
 * The shipment side of retention: marking a retention bucket's shipments shredded, wiping one shipment's personal data
 * early, and counting what is still held per bucket. Each also drops what is keyed to the parcel's personal data
 * elsewhere in the shipment database (idempotency fingerprints, the phones verification compared), which nothing
 * needs once the parcel's own data is gone.
 */
public final class ShipmentShredding {
  private static final String WIPE = "UPDATE shipments SET shredded_at = COALESCE(shredded_at, :now), "
      + "sender_name = NULL, sender_phone = NULL, sender_street = NULL, sender_detail = NULL, sender_phone_idx = NULL, "
      + "recipient_name = NULL, recipient_phone = NULL, recipient_street = NULL, recipient_detail = NULL, "
      + "recipient_phone_idx = NULL WHERE waybill = :waybill AND (shredded_at IS NULL OR sender_name IS NOT NULL "
      + "OR recipient_name IS NOT NULL OR sender_phone_idx IS NOT NULL OR recipient_phone_idx IS NOT NULL)";

  private final Sql sql;

  public ShipmentShredding(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Shipments of one retention bucket not shredded yet. */
  public record Unshredded(LocalDate day, long shipments) {}

  /**
   * Marks the bucket's shipments shredded and removes their blind indexes (a keyed hash of a phone is personal data
   * too); idempotent. Returns how many rows it changed. Each statement commits on its own: the shredder's order (mark,
   * log, destroy the key) makes a stop half-way harmless.
   */
  public int markBucketShredded(LocalDate day, Instant now) {
    return sql.withHandle("could not mark shipments shredded", h -> {
      int marked = h.createUpdate("UPDATE shipments SET shredded_at = COALESCE(shredded_at, :now), "
              + "sender_phone_idx = NULL, recipient_phone_idx = NULL WHERE retention_day = :day AND (shredded_at IS NULL "
              + "OR sender_phone_idx IS NOT NULL OR recipient_phone_idx IS NOT NULL)")
          .bind("now", now).bind("day", day).execute();
      // The phones verification compared with these parcels, as keyed hashes: with the blind index gone nothing is
      // compared any more, so they serve no purpose and are personal data like it.
      h.createUpdate("DELETE FROM verification_phone_tries WHERE waybill IN "
              + "(SELECT waybill FROM shipments WHERE retention_day = :day)")
          .bind("day", day).execute();
      return marked;
    });
  }

  /**
   * Wipes every ciphertext column and both blind indexes of the shipment and marks it shredded, in one transaction
   * with its idempotency fingerprint and verification tries; true if this call wiped it (false: it was wiped already).
   */
  public boolean erase(String waybill, Instant now) {
    return sql.inTransaction("could not erase the shipment's personal data", h -> {
      boolean wiped = h.createUpdate(WIPE).bind("now", now).bind("waybill", waybill).execute() == 1;
      // The idempotency fingerprint is a keyed hash of the whole request, personal data included.
      h.createUpdate("DELETE FROM idempotency_keys WHERE waybill = :waybill").bind("waybill", waybill).execute();
      // So are the phones verification compared with the parcel (keyed hashes bound to its waybill).
      h.createUpdate("DELETE FROM verification_phone_tries WHERE waybill = :waybill").bind("waybill", waybill)
          .execute();
      return wiped;
    });
  }

  /** Unshredded shipments per retention day, soonest first. */
  public List<Unshredded> unshreddedPerDay() {
    return sql.withHandle("could not count parcels due for shredding", h -> h.createQuery("SELECT retention_day, "
            + "COUNT(*) AS n FROM shipments WHERE shredded_at IS NULL GROUP BY retention_day ORDER BY retention_day")
        .map((rs, ctx) -> new Unshredded(rs.getObject("retention_day", LocalDate.class), rs.getLong("n")))
        .list());
  }
}

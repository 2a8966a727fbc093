package org.parcelveil.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.keys.ErasureLedger;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.store.StoreException;

/**
 * Early erasure of one shipment's personal data, before its retention bucket ends: every ciphertext column and both
 * blind indexes of the row are wiped and the row is marked shredded, as if its retention had ended. The bucket key
 * is shared with other shipments, so it cannot be destroyed for one row; instead the erasure is recorded in the key
 * store's {@link ErasureLedger} first, and {@link #reapply} wipes the row again should an older backup of the
 * shipment database ever be restored. Copies of the row inside such backups stay readable only until the bucket's
 * day, when the bucket key is destroyed.
 */
public final class Erasures {
  private static final String WIPE = "UPDATE shipments SET shredded_at = COALESCE(shredded_at, ?), "
      + "sender_name = NULL, sender_phone = NULL, sender_street = NULL, sender_detail = NULL, sender_phone_idx = NULL, "
      + "recipient_name = NULL, recipient_phone = NULL, recipient_street = NULL, recipient_detail = NULL, "
      + "recipient_phone_idx = NULL WHERE waybill = ? AND (shredded_at IS NULL OR sender_name IS NOT NULL "
      + "OR recipient_name IS NOT NULL OR sender_phone_idx IS NOT NULL OR recipient_phone_idx IS NOT NULL)";

  private final DataSource dataSource;
  private final ErasureLedger ledger;
  private final KeyStore keys;

  public Erasures(DataSource dataSource, ErasureLedger ledger, KeyStore keys) {
    this.dataSource = dataSource;
    this.ledger = ledger;
    this.keys = keys;
  }

  /** Erases the shipment's personal data now; true if this call wiped it (false: it was wiped already). */
  public boolean erase(String waybill, LocalDate bucket, Instant now) {
    ledger.record(waybill, bucket, now);
    return wipe(waybill, now);
  }

  /**
   * Wipes again every recorded erasure whose row holds data (a restored backup), and forgets those whose bucket
   * key is gone. Returns how many rows it wiped.
   */
  public int reapply(Instant now) {
    int wiped = 0;
    for (ErasureLedger.Erasure e : ledger.all()) {
      if (keys.isBucketDestroyed(e.bucket())) {
        ledger.forgetThrough(e.bucket());
      } else if (wipe(e.waybill(), now)) {
        wiped++;
      }
    }
    return wiped;
  }

  /** The time of the newest recorded erasure, if any. */
  Optional<Instant> newest() {
    return ledger.all().stream().map(ErasureLedger.Erasure::erasedAt).max(Instant::compareTo);
  }

  /** Forgets erasures of buckets up to {@code day}, which has just been shredded. */
  void forgetThrough(LocalDate day) {
    ledger.forgetThrough(day);
  }

  private boolean wipe(String waybill, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(WIPE);
          PreparedStatement idem = c.prepareStatement("DELETE FROM idempotency_keys WHERE waybill = ?");
          PreparedStatement tries = c.prepareStatement("DELETE FROM verification_phone_tries WHERE waybill = ?")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setString(2, waybill);
        boolean wiped = ps.executeUpdate() == 1;
        // The idempotency fingerprint is a keyed hash of the whole request, personal data included.
        idem.setString(1, waybill);
        idem.executeUpdate();
        // So are the phones verification compared with the parcel (keyed hashes bound to its waybill).
        tries.setString(1, waybill);
        tries.executeUpdate();
        c.commit();
        return wiped;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("could not erase the shipment's personal data", e);
    }
  }
}

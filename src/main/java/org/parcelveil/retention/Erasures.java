package org.parcelveil.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.keys.ErasureLedger;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.shipment.ShipmentShredding;

/**
 * Early erasure of one shipment's personal data, before its retention bucket ends: every ciphertext column and both
 * blind indexes of the row are wiped and the row is marked shredded, as if its retention had ended. The bucket key
 * is shared with other shipments, so it cannot be destroyed for one row; instead the erasure is recorded in the key
 * store's {@link ErasureLedger} first, and {@link #reapply} wipes the row again should an older backup of the
 * shipment database ever be restored. Copies of the row inside such backups stay readable only until the bucket's
 * day, when the bucket key is destroyed.
 */
public final class Erasures {
  private final ShipmentShredding shipments;
  private final ErasureLedger ledger;
  private final KeyStore keys;

  public Erasures(DataSource dataSource, ErasureLedger ledger, KeyStore keys) {
    this.shipments = new ShipmentShredding(dataSource);
    this.ledger = ledger;
    this.keys = keys;
  }

  /** Erases the shipment's personal data now; true if this call wiped it (false: it was wiped already). */
  public boolean erase(String waybill, LocalDate bucket, Instant now) {
    ledger.record(waybill, bucket, now);
    return shipments.erase(waybill, now);
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
      } else if (shipments.erase(e.waybill(), now)) {
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
}

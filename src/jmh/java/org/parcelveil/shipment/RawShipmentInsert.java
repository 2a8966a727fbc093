package org.parcelveil.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.parcelveil.vault.SealedPerson;

/**
 * The raw limit for shipment creation: plain batch inserts of copies of the rows the service wrote (same columns and
 * values, ciphertexts of the same sizes, same indexes), bound by position on plain JDBC with the service's own
 * statement and binder and nothing in between, 1,000 per commit, under fresh keys, from as many connections at once
 * as the service has clients: the commit pattern the service's batches make.
 */
public final class RawShipmentInsert {
  public static final int PER_COMMIT = 1000;

  private RawShipmentInsert() {}

  /**
   * A copy of {@code s} under a new primary key, random as waybill numbers are (sequential keys would append at the
   * end of the index and flatter the raw rate), as long as a waybill number, drawn from {@code random}. Each
   * ciphertext is replaced by random bytes of the same length: ciphertexts never repeat, and repeated values would
   * let a database's value caches flatter the raw rate.
   */
  static Shipment copy(Shipment s, String keyPrefix, SplittableRandom random) {
    char[] digits = new char[14];
    long n = random.nextLong(100_000_000_000_000L);
    for (int i = 13; i >= 0; i--) {
      digits[i] = (char) ('0' + n % 10);
      n /= 10;
    }
    return new Shipment(keyPrefix + new String(digits) + "R", s.merchantId(), s.reference(), s.state(), s.origin(),
        s.destination(), s.sortCode(), s.parcel(), s.cod(), s.retentionDay(), s.createdAt(), s.updatedAt(),
        s.shreddedAt(), s.canary(), fresh(s.sender(), random), fresh(s.recipient(), random), s.assignment(),
        s.sealedOrder(), s.payment(), s.deliveryPin());
  }

  private static SealedPerson fresh(SealedPerson p, SplittableRandom random) {
    return new SealedPerson(p.area(), fresh(p.name(), random), fresh(p.phone(), random), fresh(p.street(), random),
        fresh(p.detail(), random), p.phoneIndex());
  }

  private static byte[] fresh(byte[] sealed, SplittableRandom random) {
    if (sealed == null) {
      return null;
    }
    byte[] b = new byte[sealed.length];
    random.nextBytes(b);
    return b;
  }

  /**
   * Inserts the next 1,000 copies of {@code rows} (chunk number {@code chunks.getAndIncrement()}) in one transaction
   * on a pooled connection, as the service does per request; returns how many it inserted. Safe to call from several
   * threads at once: that is how the baseline gets the service's commit pattern. The copies are made on the fly
   * (well under a µs each, against tens of µs for the insert) rather than ahead: hundreds of thousands of rows made
   * ahead left the garbage collector work that landed on the service's turn.
   */
  public static int insertNext(DataSource ds, List<Shipment> rows, String keyPrefix, AtomicInteger chunks)
      throws SQLException {
    int chunk = chunks.getAndIncrement();
    SplittableRandom random = new SplittableRandom(((long) keyPrefix.hashCode() << 32) ^ chunk);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(ShipmentRepository.INSERT)) {
      c.setAutoCommit(false);
      for (int i = 0; i < PER_COMMIT; i++) {
        ShipmentRepository.bind(ps, copy(rows.get(i % rows.size()), keyPrefix, random));
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    }
    return PER_COMMIT;
  }
}

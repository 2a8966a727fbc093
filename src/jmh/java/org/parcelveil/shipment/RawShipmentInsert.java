package org.parcelveil.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The raw limit for shipment creation: plain JDBC batch inserts of the very rows the service wrote (same columns,
 * same ciphertext sizes, same indexes), 1,000 per commit, under fresh keys.
 */
public final class RawShipmentInsert {
  private RawShipmentInsert() {}

  /**
   * Copies of {@code rows} under new primary keys that are random, as waybill numbers are: sequential keys would
   * append at the end of the index and flatter the raw rate.
   */
  public static List<Shipment> copies(List<Shipment> rows, String keyPrefix, int count) {
    List<Shipment> out = new ArrayList<>(count);
    java.util.Random random = new java.util.Random(count);
    for (int i = 0; i < count; i++) {
      Shipment s = rows.get(i % rows.size());
      String key = keyPrefix + String.format("%014d", Math.floorMod(random.nextLong(), 100_000_000_000_000L)) + "R";
      out.add(new Shipment(key, s.merchantId(), s.reference(), s.state(), s.origin(), s.destination(),
          s.sortCode(), s.parcel(), s.cod(), s.retentionDay(), s.createdAt(), s.updatedAt(), s.shreddedAt(), s.canary(),
          s.sender(), s.recipient(), s.assignment()));
    }
    return out;
  }

  /** Inserts in batches of 1,000 rows per commit; returns rows per second. */
  public static double insert(DataSource ds, List<Shipment> rows) throws SQLException {
    String sql = "INSERT INTO shipments (" + ShipmentRepository.COLUMNS + ") VALUES (" + "?, ".repeat(31) + "?)";
    long start = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int n = 0;
        for (Shipment s : rows) {
          ShipmentRepository.bind(ps, s);
          ps.addBatch();
          if (++n % 1000 == 0) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
    }
    return rows.size() / ((System.nanoTime() - start) / 1e9);
  }
}

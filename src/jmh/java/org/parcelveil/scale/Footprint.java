package org.parcelveil.scale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.soak.Operation;
import org.parcelveil.soak.Parcels;
import org.parcelveil.soak.SoakCast;
import org.parcelveil.soak.SoakClient;
import org.parcelveil.soak.SoakService;
import org.parcelveil.soak.Tally;

/**
 * Bytes on disk per row, as PostgreSQL counts them ({@code pg_total_relation_size}: table, TOAST and every index),
 * and the rows one delivered parcel leaves behind, measured by taking parcels through the real service.
 */
final class Footprint {
  private Footprint() {}

  /** One table's size: rows, heap (with TOAST), indexes. */
  record TableSize(String table, long rows, long tableBytes, long indexBytes) {
    long totalBytes() {
      return tableBytes + indexBytes;
    }

    double bytesPerRow() {
      return rows == 0 ? 0 : (double) totalBytes() / rows;
    }
  }

  /** The table as written, and again after VACUUM FULL has rewritten it with only its live rows. */
  static List<TableSize> writtenAndLive(DataSource ds, String table) throws SQLException {
    TableSize written = measure(ds, table);
    try (Connection c = ds.getConnection(); PreparedStatement vacuum = c.prepareStatement("VACUUM FULL " + table)) {
      vacuum.execute();
    }
    TableSize live = measure(ds, table);
    return List.of(written, new TableSize(table + " (live rows only, after VACUUM FULL)", live.rows(),
        live.tableBytes(), live.indexBytes()));
  }

  static TableSize measure(DataSource ds, String table) throws SQLException {
    if (!table.matches("[a-z_]+")) { // table names are ours, never input; the check keeps it that way
      throw new IllegalArgumentException("not a table name: " + table);
    }
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement analyze = c.prepareStatement("ANALYZE " + table)) {
        analyze.execute();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM " + table + "), "
          + "pg_total_relation_size(?::regclass) - pg_indexes_size(?::regclass), "
          + "pg_indexes_size(?::regclass)")) {
        for (int i = 1; i <= 3; i++) {
          ps.setString(i, table);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new TableSize(table, rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
    }
  }

  /**
   * Takes {@code parcels} parcels through the real service on PostgreSQL, each the way most parcels go: created,
   * picked up, arrived, out for delivery, one reveal by the courier, delivered; then measures every table a parcel
   * writes to, as written (each scan updates the shipment row, leaving dead versions until vacuum) and live.
   */
  static List<TableSize> ofDeliveredParcels(int parcels) throws Exception {
    try (SoakService service = SoakService.start("postgres")) {
      Parcels pipeline = new Parcels();
      SoakClient client = new SoakClient(service.port(), SoakCast.create(service.pv()), pipeline);
      List<String> first = List.of(client.outForDelivery());
      pipeline.reserve(first);
      pipeline.reached(first.get(0), Parcels.Stage.OUT_FOR_DELIVERY);
      for (int i = 1; i < parcels; i++) {
        pipeline.reached(client.outForDelivery(), Parcels.Stage.OUT_FOR_DELIVERY);
      }
      Tally tally = new Tally();
      for (int i = 0; i < parcels; i++) {
        client.perform(Operation.REVEAL, System.nanoTime(), tally);
      }
      for (int i = 0; i < parcels; i++) {
        client.perform(Operation.EVENT, System.nanoTime(), tally);
      }
      if (tally.totalErrors() > 0 || tally.summary(Operation.EVENT).ok() != parcels) {
        throw new IllegalStateException("the parcels did not all go through: " + tally.errorSamples());
      }
      DataSource ds = service.pv().database().dataSource();
      List<TableSize> sizes = new ArrayList<>();
      for (String table : List.of("shipments", "shipment_events", "audit_entries")) {
        sizes.addAll(writtenAndLive(ds, table));
      }
      return sizes;
    }
  }
}

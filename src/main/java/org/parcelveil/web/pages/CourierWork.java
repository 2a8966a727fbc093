package org.parcelveil.web.pages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;

/**
 * Waybills of a courier's day and of a station's recent scans: read-only look-ups over the shipment and event
 * tables that the console needs and the shipment feature does not (yet) offer. They return waybills only; the
 * shipments themselves are read through {@code Shipments}.
 */
final class CourierWork {
  static final int LIMIT = 200;
  private final DataSource dataSource;

  CourierWork(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Parcels this courier is to pick up (assigned, not yet picked up). */
  List<String> pickups(String courierId) {
    return waybills("SELECT waybill FROM shipments WHERE pickup_courier_id = ? AND state = 'CREATED' "
        + "ORDER BY assigned_at, waybill FETCH FIRST " + LIMIT + " ROWS ONLY", courierId);
  }

  /** Parcels out for delivery with this courier, failed attempts included. */
  List<String> deliveries(String courierId) {
    return waybills("SELECT waybill FROM shipments WHERE delivery_courier_id = ? "
        + "AND state IN ('OUT_FOR_DELIVERY', 'DELIVERY_FAILED') ORDER BY assigned_at, waybill FETCH FIRST "
        + LIMIT + " ROWS ONLY", courierId);
  }

  /** Parcels this courier delivered since {@code since}. */
  List<String> deliveredSince(String courierId, Instant since) {
    return waybills("SELECT waybill FROM shipments WHERE delivery_courier_id = ? AND state = 'DELIVERED' "
        + "AND finished_at >= ? ORDER BY finished_at DESC FETCH FIRST " + LIMIT + " ROWS ONLY", courierId,
        Timestamp.from(since));
  }

  /** The waybills most recently scanned at a station, newest first, each once. */
  List<String> recentAtStation(String stationCode, int limit) {
    List<String> all = waybills("SELECT waybill FROM shipment_events WHERE station_code = ? "
        + "ORDER BY recorded_at DESC FETCH FIRST " + (limit * 3) + " ROWS ONLY", stationCode);
    return all.stream().distinct().limit(limit).toList();
  }

  private List<String> waybills(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read the work list", e);
    }
  }
}

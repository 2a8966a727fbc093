package org.parcelveil.shipment;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.store.Sql;

/**
 * Waybills of a courier's day and of a station's recent scans, for the console's work lists. They return waybills
 * only; the shipments themselves are read through {@code Shipments}, which decides what each viewer may see.
 */
public final class CourierWork {
  static final int LIMIT = 200;
  private final Sql sql;

  public CourierWork(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Parcels this courier is to pick up (assigned, not yet picked up). */
  public List<String> pickups(String courierId) {
    return sql.withHandle("could not read the work list", h -> h.createQuery("SELECT waybill FROM shipments "
            + "WHERE pickup_courier_id = :courier AND state = 'CREATED' ORDER BY assigned_at, waybill "
            + "FETCH FIRST " + LIMIT + " ROWS ONLY")
        .bind("courier", courierId).mapTo(String.class).list());
  }

  /** Parcels out for delivery with this courier, failed attempts included. */
  public List<String> deliveries(String courierId) {
    return sql.withHandle("could not read the work list", h -> h.createQuery("SELECT waybill FROM shipments "
            + "WHERE delivery_courier_id = :courier AND state IN ('OUT_FOR_DELIVERY', 'DELIVERY_FAILED') "
            + "ORDER BY assigned_at, waybill FETCH FIRST " + LIMIT + " ROWS ONLY")
        .bind("courier", courierId).mapTo(String.class).list());
  }

  /** Parcels this courier delivered since {@code since}. */
  public List<String> deliveredSince(String courierId, Instant since) {
    return sql.withHandle("could not read the work list", h -> h.createQuery("SELECT waybill FROM shipments "
            + "WHERE delivery_courier_id = :courier AND state = 'DELIVERED' AND finished_at >= :since "
            + "ORDER BY finished_at DESC FETCH FIRST " + LIMIT + " ROWS ONLY")
        .bind("courier", courierId).bind("since", since).mapTo(String.class).list());
  }

  /** The waybills most recently scanned at a station, newest first, each once. */
  public List<String> recentAtStation(String stationCode, int limit) {
    List<String> all = sql.withHandle("could not read the work list", h -> h.createQuery("SELECT waybill "
            + "FROM shipment_events WHERE station_code = :station ORDER BY recorded_at DESC "
            + "FETCH FIRST " + (limit * 3) + " ROWS ONLY")
        .bind("station", stationCode).mapTo(String.class).list());
    return all.stream().distinct().limit(limit).toList();
  }
}

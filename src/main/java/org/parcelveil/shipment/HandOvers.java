package org.parcelveil.shipment;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Area;

/**
 * What a station's couriers took out for delivery since a time (the station's day): the hand-over list a desk checks
 * each courier's cage against. Waybills, states and destinations only; no party.
 */
public final class HandOvers {
  /** The most rows one list reads: a station's couriers rarely take out more in a day. */
  static final int LIMIT = 1000;
  private final Sql sql;

  public HandOvers(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** One parcel handed to a courier: whose, which, where to, when, and what became of it so far. */
  public record HandOver(String courierId, String waybill, ShipmentState state, String sortCode, Area destination,
      Instant assignedAt) {}

  /** Parcels handed to any of {@code courierIds} for delivery since {@code since}, by courier, then in hand-over order. */
  public List<HandOver> since(List<String> courierIds, Instant since) {
    if (courierIds.isEmpty()) {
      return List.of();
    }
    return sql.withHandle("could not read the hand-over list", h -> h.createQuery("SELECT waybill, "
            + "delivery_courier_id, state, sort_code, dest_province, dest_city, dest_district, assigned_at "
            + "FROM shipments WHERE delivery_courier_id IN (<couriers>) AND assigned_at >= :since "
            + "AND state IN ('OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_FAILED') "
            + "ORDER BY delivery_courier_id, assigned_at, waybill FETCH FIRST " + LIMIT + " ROWS ONLY")
        .bindList("couriers", courierIds).bind("since", since)
        .map((rs, ctx) -> new HandOver(rs.getString("delivery_courier_id"), rs.getString("waybill"),
            ShipmentState.valueOf(rs.getString("state")), rs.getString("sort_code"),
            new Area(rs.getString("dest_province"), rs.getString("dest_city"), rs.getString("dest_district")),
            rs.getTimestamp("assigned_at").toInstant()))
        .list());
  }
}

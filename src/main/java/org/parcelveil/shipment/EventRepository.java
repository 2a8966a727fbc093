package org.parcelveil.shipment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/** Shipment events as rows. */
public final class EventRepository {
  private static final RowMapper<ShipmentEvent> EVENT = (rs, ctx) -> new ShipmentEvent(rs.getString("waybill"),
      rs.getInt("seq"), rs.getString("type"), rs.getString("station_code"), rs.getString("courier_id"),
      rs.getString("principal_id"), rs.getObject("weight_grams", Integer.class),
      rs.getTimestamp("at").toInstant(), rs.getTimestamp("recorded_at").toInstant());
  private final Sql sql;

  public EventRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Another event changed the shipment first: the transaction is rolled back and the caller answers 409. */
  private static final class Overtaken extends RuntimeException {
    Overtaken() {
      super(null, null, false, false);
    }
  }

  /**
   * Moves the shipment from its current state to {@code next} and appends the event, in one transaction. Empty if
   * another event changed the shipment first (the caller answers 409).
   */
  public Optional<ShipmentEvent> append(Shipment s, ShipmentState next, Shipment.Assignment a, ShipmentEvent e) {
    return append(s, next, a, e, null);
  }

  /** As above, keeping the support ticket the event answers, if any. */
  public Optional<ShipmentEvent> append(Shipment s, ShipmentState next, Shipment.Assignment a, ShipmentEvent e,
      @Nullable String ticket) {
    try {
      return Optional.of(sql.inTransaction("could not record the event", h -> {
        int moved = h.createUpdate("UPDATE shipments SET state = :next, updated_at = :recordedAt, "
                + "pickup_courier_id = :pickup, delivery_courier_id = :delivery, assigned_at = :assignedAt, "
                + "finished_at = :finishedAt WHERE waybill = :waybill AND state = :current")
            .bind("next", next.name()).bind("recordedAt", e.recordedAt())
            .bind("pickup", a.pickupCourierId()).bind("delivery", a.deliveryCourierId())
            .bindByType("assignedAt", a.assignedAt(), Instant.class)
            .bindByType("finishedAt", a.finishedAt(), Instant.class)
            .bind("waybill", s.waybill()).bind("current", s.state().name())
            .execute();
        if (moved != 1) {
          throw new Overtaken();
        }
        // The number is read first, then inserted as a value: distributed PostgreSQL (Citus) refuses a sub-select
        // inside INSERT ... VALUES. The guarded update above holds the shipment's row lock, so no other event of
        // this parcel can take the same number in between.
        int seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM shipment_events WHERE waybill = :waybill")
            .bind("waybill", e.waybill()).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO shipment_events (waybill, seq, type, station_code, courier_id, principal_id, "
                + "weight_grams, at, recorded_at, ticket) VALUES (:waybill, :seq, :type, :station, :courier, "
                + ":principal, :weight, :at, :recordedAt, :ticket)")
            .bind("waybill", e.waybill()).bind("seq", seq).bind("type", e.type()).bind("station", e.stationCode())
            .bind("courier", e.courierId()).bind("principal", e.principalId()).bind("weight", e.weightGrams())
            .bind("at", e.at()).bind("recordedAt", e.recordedAt()).bind("ticket", ticket)
            .execute();
        return new ShipmentEvent(e.waybill(), seq, e.type(), e.stationCode(), e.courierId(), e.principalId(),
            e.weightGrams(), e.at(), e.recordedAt());
      }));
    } catch (Overtaken | DuplicateKeyException lost) {
      return Optional.empty();
    }
  }

  /** The shipment's state as stored now. */
  public Optional<ShipmentState> currentState(String waybill) {
    return sql.withHandle("could not read the shipment", h -> h.createQuery(
            "SELECT state FROM shipments WHERE waybill = :waybill")
        .bind("waybill", waybill).map((rs, ctx) -> ShipmentState.valueOf(rs.getString("state"))).findOne());
  }

  public List<ShipmentEvent> of(String waybill) {
    return sql.withHandle("could not read shipment events", h -> h.createQuery("SELECT waybill, seq, type, "
            + "station_code, courier_id, principal_id, weight_grams, at, recorded_at FROM shipment_events "
            + "WHERE waybill = :waybill ORDER BY seq")
        .bind("waybill", waybill).map(EVENT).list());
  }
}

package org.parcelveil.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/** Shipment events as rows. */
public final class EventRepository {
  private final DataSource dataSource;

  public EventRepository(DataSource dataSource) {
    this.dataSource = dataSource;
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement("UPDATE shipments SET state = ?, updated_at = ?, "
              + "pickup_courier_id = ?, delivery_courier_id = ?, assigned_at = ?, finished_at = ? "
              + "WHERE waybill = ? AND state = ?");
          PreparedStatement ins = c.prepareStatement("INSERT INTO shipment_events (waybill, seq, type, station_code, "
              + "courier_id, principal_id, weight_grams, at, recorded_at, ticket) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 "
              + "FROM shipment_events WHERE waybill = ?), ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement seq = c.prepareStatement("SELECT MAX(seq) FROM shipment_events WHERE waybill = ?")) {
        up.setString(1, next.name());
        up.setTimestamp(2, Timestamp.from(e.recordedAt()));
        up.setString(3, a.pickupCourierId());
        up.setString(4, a.deliveryCourierId());
        up.setTimestamp(5, ts(a.assignedAt()));
        up.setTimestamp(6, ts(a.finishedAt()));
        up.setString(7, s.waybill());
        up.setString(8, s.state().name());
        if (up.executeUpdate() != 1) {
          c.rollback();
          return Optional.empty();
        }
        ins.setString(1, e.waybill());
        ins.setString(2, e.waybill());
        ins.setString(3, e.type());
        ins.setString(4, e.stationCode());
        ins.setString(5, e.courierId());
        ins.setString(6, e.principalId());
        if (e.weightGrams() == null) {
          ins.setNull(7, Types.INTEGER);
        } else {
          ins.setInt(7, e.weightGrams());
        }
        ins.setTimestamp(8, Timestamp.from(e.at()));
        ins.setTimestamp(9, Timestamp.from(e.recordedAt()));
        ins.setString(10, ticket);
        ins.executeUpdate();
        seq.setString(1, e.waybill());
        int n;
        try (ResultSet rs = seq.executeQuery()) {
          rs.next();
          n = rs.getInt(1);
        }
        c.commit();
        return Optional.of(new ShipmentEvent(e.waybill(), n, e.type(), e.stationCode(), e.courierId(),
            e.principalId(), e.weightGrams(), e.at(), e.recordedAt()));
      } catch (SQLException ex) {
        c.rollback();
        if (Dialect.UNIQUE_VIOLATION.equals(ex.getSQLState())) {
          return Optional.empty();
        }
        throw ex;
      }
    } catch (SQLException ex) {
      throw new StoreException("could not record the event", ex);
    }
  }

  /** The shipment's state as stored now. */
  public Optional<ShipmentState> currentState(String waybill) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT state FROM shipments WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(ShipmentState.valueOf(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException ex) {
      throw new StoreException("could not read the shipment", ex);
    }
  }

  private static Timestamp ts(java.time.Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  public List<ShipmentEvent> of(String waybill) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT waybill, seq, type, station_code, courier_id, principal_id, "
            + "weight_grams, at, recorded_at FROM shipment_events WHERE waybill = ? ORDER BY seq")) {
      ps.setString(1, waybill);
      List<ShipmentEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ShipmentEvent(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), (Integer) rs.getObject(7, Integer.class),
              rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read shipment events", e);
    }
  }
}

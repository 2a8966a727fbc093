package org.parcelveil.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;

/** Relay bindings as rows. */
final class RelayRepository {
  private static final String COLUMNS = "id, waybill, party, courier_id, number, extension, opened_at";
  private final DataSource dataSource;

  RelayRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Optional<RelayBinding> findOpen(String waybill, String party, String courierId) {
    return one("SELECT " + COLUMNS + " FROM relay_bindings WHERE waybill = ? AND party = ? AND courier_id = ? "
        + "AND closed_at IS NULL", waybill, party, courierId);
  }

  Optional<RelayBinding> findOpenByRoute(String number, String extension) {
    return one("SELECT " + COLUMNS + " FROM relay_bindings WHERE number = ? AND extension = ? AND closed_at IS NULL",
        number, extension);
  }

  /** True if an unexpired binding already uses this number and extension. */
  boolean inUse(String number, String extension, Instant openedAfter) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM relay_bindings WHERE number = ? "
            + "AND extension = ? AND closed_at IS NULL AND opened_at > ?")) {
      ps.setString(1, number);
      ps.setString(2, extension);
      ps.setTimestamp(3, Timestamp.from(openedAfter));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new StoreException("could not read relay bindings", e);
    }
  }

  void insert(RelayBinding b) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO relay_bindings (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, b.id());
      ps.setString(2, b.waybill());
      ps.setString(3, b.party());
      ps.setString(4, b.courierId());
      ps.setString(5, b.number());
      ps.setString(6, b.extension());
      ps.setTimestamp(7, Timestamp.from(b.openedAt()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not store the relay binding", e);
    }
  }

  void close(String id, Instant at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE relay_bindings SET closed_at = ? WHERE id = ? AND closed_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not close the relay binding", e);
    }
  }

  private Optional<RelayBinding> one(String sql, String... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new RelayBinding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
      }
    } catch (SQLException e) {
      throw new StoreException("could not read relay bindings", e);
    }
  }
}

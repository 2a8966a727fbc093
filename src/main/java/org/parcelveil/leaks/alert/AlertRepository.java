package org.parcelveil.leaks.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;

/** Alerts as rows of {@code leak_alerts}. */
public final class AlertRepository {
  private static final String COLUMNS = "id, severity, kind, principal_id, waybill, detail, at, suspended_at";
  private static final String READ_COLUMNS = COLUMNS + ", acknowledged_at";
  private final DataSource dataSource;

  public AlertRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work that must commit or roll back with the alert it goes with (the webhook call it is owed). */
  @FunctionalInterface
  interface InSameTransaction {
    void run(Connection c) throws SQLException;
  }

  public void insert(Alert a) {
    insert(a, c -> { });
  }

  /** Stores the alert and runs {@code also} in the same transaction: both are kept, or neither. */
  void insert(Alert a, InSameTransaction also) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO leak_alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, a.id());
        ps.setString(2, a.severity().name());
        ps.setString(3, a.kind());
        ps.setString(4, a.principalId());
        ps.setString(5, a.waybill());
        ps.setString(6, a.detail());
        ps.setTimestamp(7, Timestamp.from(a.at()));
        ps.setTimestamp(8, a.suspendedAt() == null ? null : Timestamp.from(a.suspendedAt()));
        ps.executeUpdate();
        also.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not store the alert", e);
    }
  }

  /** Alerts raised at or after {@code since}, oldest first, at most {@code limit}. */
  public List<Alert> since(Instant since, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + READ_COLUMNS
            + " FROM leak_alerts WHERE at >= ? ORDER BY at, id FETCH FIRST ? ROWS ONLY")) {
      ps.setTimestamp(1, Timestamp.from(since));
      ps.setInt(2, limit);
      return read(ps);
    } catch (SQLException e) {
      throw new StoreException("could not read alerts", e);
    }
  }

  public Optional<Alert> find(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + READ_COLUMNS + " FROM leak_alerts WHERE id = ?")) {
      ps.setString(1, id);
      List<Alert> l = read(ps);
      return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    } catch (SQLException e) {
      throw new StoreException("could not read the alert", e);
    }
  }

  public void markSuspended(String id, String by, Instant at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE leak_alerts SET suspended_at = ?, suspended_by = ? WHERE id = ? AND suspended_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, by);
      ps.setString(3, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not update the alert", e);
    }
  }

  /** Marks an alert acknowledged unless it was already; false if nothing changed. */
  public boolean markAcknowledged(String id, String by, Instant at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE leak_alerts SET acknowledged_at = ?, acknowledged_by = ? "
            + "WHERE id = ? AND acknowledged_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, by);
      ps.setString(3, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("could not update the alert", e);
    }
  }

  private static List<Alert> read(PreparedStatement ps) throws SQLException {
    List<Alert> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Timestamp suspended = rs.getTimestamp(8);
        Timestamp acknowledged = rs.getTimestamp(9);
        out.add(new Alert(rs.getString(1), Severity.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
            suspended == null ? null : suspended.toInstant(), acknowledged == null ? null : acknowledged.toInstant()));
      }
    }
    return out;
  }
}

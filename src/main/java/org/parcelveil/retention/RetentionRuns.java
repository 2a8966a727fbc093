package org.parcelveil.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/** The last retention run as one row of {@code retention_runs}: when, and how much it shredded. */
final class RetentionRuns {
  private final DataSource dataSource;

  RetentionRuns(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void record(Instant at, int buckets, int shipments) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement up = c.prepareStatement(
            "UPDATE retention_runs SET ran_at = ?, buckets = ?, shipments = ? WHERE id = 1")) {
      bind(up, at, buckets, shipments);
      if (up.executeUpdate() == 0) {
        try (PreparedStatement in = c.prepareStatement(
            "INSERT INTO retention_runs (ran_at, buckets, shipments, id) VALUES (?, ?, ?, 1)")) {
          bind(in, at, buckets, shipments);
          in.executeUpdate();
        }
      }
    } catch (SQLException e) {
      // Two nodes' first runs may race to insert; the other's row says as much as this one would.
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreException("could not record the retention run", e);
      }
    }
  }

  Optional<RetentionStatus.LastRun> last() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT ran_at, buckets, shipments FROM retention_runs WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(new RetentionStatus.LastRun(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3)))
          : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("could not read the last retention run", e);
    }
  }

  /** The newest erasure the last scrub covered. */
  Optional<Instant> scrubbedThrough() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT scrubbed_through FROM retention_runs WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getTimestamp(1) != null ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("could not read the last scrub", e);
    }
  }

  void scrubbedThrough(Instant newestErasure) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE retention_runs SET scrubbed_through = ? WHERE id = 1")) {
      ps.setTimestamp(1, Timestamp.from(newestErasure));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not record the scrub", e);
    }
  }

  private static void bind(PreparedStatement ps, Instant at, int buckets, int shipments) throws SQLException {
    ps.setTimestamp(1, Timestamp.from(at));
    ps.setInt(2, buckets);
    ps.setInt(3, shipments);
  }
}

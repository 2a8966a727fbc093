package org.parcelveil.verify;

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

/**
 * Which order owns a waybill: the first order whose verification passed claims it, and keeps it. A claim is one
 * insert keyed by the waybill, so on several nodes exactly one order wins a race.
 */
final class ClaimRegistry {
  private final DataSource dataSource;

  ClaimRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** An order of a platform that holds a waybill. */
  record Claim(String platformId, String orderId) {
    boolean isBy(String platform, String order) {
      return platformId.equals(platform) && orderId.equals(order);
    }
  }

  Optional<Claim> find(String waybill) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT platform_id, order_id FROM waybill_claims WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Claim(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the waybill's claim", e);
    }
  }

  /** Claims the waybill for the order unless another got there first; returns whoever holds it now. */
  Claim claim(String waybill, String platformId, String orderId, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO waybill_claims (waybill, platform_id, order_id, claimed_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, waybill);
      ps.setString(2, platformId);
      ps.setString(3, orderId);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.executeUpdate();
      return new Claim(platformId, orderId);
    } catch (SQLException e) {
      if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return find(waybill).orElseThrow(() -> new StoreException("a claim vanished", e));
      }
      throw new StoreException("could not claim the waybill", e);
    }
  }
}

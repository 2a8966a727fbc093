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
 * Which order owns a waybill, and on what evidence. The first order whose verification passed claims it; an order
 * with stronger evidence (the recipient's phone against areas alone) takes it over. A claim is one insert keyed by
 * the waybill and a take-over one update conditional on the weaker evidence, so on several nodes exactly one order
 * wins a race.
 */
final class ClaimRegistry {
  private final DataSource dataSource;

  ClaimRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** An order of a platform that holds a waybill, and the evidence it was claimed on. */
  record Claim(String platformId, String orderId, Evidence evidence) {
    boolean isBy(String platform, String order) {
      return platformId.equals(platform) && orderId.equals(order);
    }
  }

  Optional<Claim> find(String waybill) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT platform_id, order_id, evidence FROM waybill_claims WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Claim(rs.getString(1), rs.getString(2), Evidence.ofRank(rs.getInt(3))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the waybill's claim", e);
    }
  }

  /** Claims the waybill for the order unless another got there first; returns whoever holds it now. */
  Claim claim(String waybill, String platformId, String orderId, Evidence evidence, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO waybill_claims "
            + "(waybill, platform_id, order_id, evidence, claimed_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, waybill);
      ps.setString(2, platformId);
      ps.setString(3, orderId);
      ps.setInt(4, evidence.rank);
      ps.setTimestamp(5, Timestamp.from(now));
      ps.executeUpdate();
      return new Claim(platformId, orderId, evidence);
    } catch (SQLException e) {
      if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return find(waybill).orElseThrow(() -> new StoreException("a claim vanished", e));
      }
      throw new StoreException("could not claim the waybill", e);
    }
  }

  /**
   * Gives the waybill to the order if the claim on it now rests on weaker evidence (the holder's own claim is
   * strengthened the same way); returns whoever holds it afterwards. Of racing orders with equal evidence, the first
   * update wins: the others find the evidence no longer weaker.
   */
  Claim takeOver(String waybill, String platformId, String orderId, Evidence evidence, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE waybill_claims SET platform_id = ?, order_id = ?, "
            + "evidence = ?, claimed_at = ? WHERE waybill = ? AND evidence < ?")) {
      ps.setString(1, platformId);
      ps.setString(2, orderId);
      ps.setInt(3, evidence.rank);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setString(5, waybill);
      ps.setInt(6, evidence.rank);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not take over the waybill's claim", e);
    }
    return find(waybill).orElseThrow(() -> new StoreException("a claim vanished", null));
  }
}

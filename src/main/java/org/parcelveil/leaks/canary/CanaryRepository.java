package org.parcelveil.leaks.canary;

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
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/** Canary rows, the canary flag on shipments, and the id of the internal merchant that creates them. */
final class CanaryRepository {
  private static final String MERCHANT_KEY = "canary.merchant";
  private final DataSource dataSource;

  CanaryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Marks the shipments as canaries of {@code channel}, all or none. */
  void mark(List<String> waybills, String channel, String createdBy, Instant at) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement flag = c.prepareStatement("UPDATE shipments SET canary = TRUE WHERE waybill = ?");
          PreparedStatement ins = c.prepareStatement(
              "INSERT INTO leak_canaries (waybill, channel, created_by, created_at) VALUES (?, ?, ?, ?)")) {
        for (String w : waybills) {
          flag.setString(1, w);
          flag.addBatch();
          ins.setString(1, w);
          ins.setString(2, channel);
          ins.setString(3, createdBy);
          ins.setTimestamp(4, Timestamp.from(at));
          ins.addBatch();
        }
        flag.executeBatch();
        ins.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not mark canaries", e);
    }
  }

  List<Canary> all() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT waybill, channel, created_at FROM leak_canaries ORDER BY created_at, waybill");
        ResultSet rs = ps.executeQuery()) {
      List<Canary> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Canary(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read canaries", e);
    }
  }

  /** Canary waybills whose recipient or sender phone has one of these blind indexes. */
  List<String> byPhoneIndex(List<String> indexes) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    String in = "?, ".repeat(indexes.size() - 1) + "?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT waybill FROM shipments WHERE canary = TRUE AND ("
            + "recipient_phone_idx IN (" + in + ") OR sender_phone_idx IN (" + in + "))")) {
      int i = 1;
      for (int round = 0; round < 2; round++) {
        for (String idx : indexes) {
          ps.setString(i++, idx);
        }
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not look canaries up", e);
    }
  }

  Optional<String> internalMerchant() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT state_value FROM leak_state WHERE state_key = ?")) {
      ps.setString(1, MERCHANT_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the canary merchant", e);
    }
  }

  /** Records the internal merchant; false if another node recorded one first. */
  boolean setInternalMerchant(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO leak_state (state_key, state_value) VALUES (?, ?)")) {
      ps.setString(1, MERCHANT_KEY);
      ps.setString(2, id);
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw new StoreException("could not record the canary merchant", e);
    }
  }
}

package org.parcelveil.leaks.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.store.StoreException;

/**
 * Each principal's last known activity at start-up, so the dormant-account detector survives restarts: its latest
 * entry in the audit log, else its creation.
 */
final class LastSeen {
  private LastSeen() {}

  static Map<String, Instant> load(DataSource dataSource, Principals principals) {
    Map<String, Instant> out = new HashMap<>();
    for (Principal p : principals.all()) {
      out.put(p.id(), p.createdAt());
    }
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT principal_id, MAX(at_us) FROM audit_entries GROUP BY principal_id")) {
      while (rs.next()) {
        long us = rs.getLong(2);
        out.merge(rs.getString(1), Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000),
            (a, b) -> a.isAfter(b) ? a : b);
      }
    } catch (SQLException e) {
      throw new StoreException("could not read the principals' last activity", e);
    }
    return out;
  }
}

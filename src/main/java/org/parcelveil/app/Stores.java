package org.parcelveil.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.parcelveil.store.Database;
import org.parcelveil.store.StoreException;

/** Questions about a store as a whole. */
final class Stores {
  private Stores() {}

  /** True if the shipment database holds no principals and no shipments: nothing a new key would orphan. */
  static boolean isEmpty(Database db) {
    try (Connection c = db.connection();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT (SELECT COUNT(*) FROM principals) + (SELECT COUNT(*) FROM shipments)")) {
      rs.next();
      return rs.getLong(1) == 0;
    } catch (SQLException e) {
      throw new StoreException("cannot read the database", e);
    }
  }
}

package org.parcelveil.app;

import org.parcelveil.shipment.ShipmentRepository;
import org.parcelveil.store.Database;
import org.parcelveil.store.Sql;

/** Questions about a store as a whole. */
final class Stores {
  private Stores() {}

  /** True if the shipment database holds no principals and no shipments: nothing a new key would orphan. */
  static boolean isEmpty(Database db) {
    long principals = Sql.over(db.dataSource()).withHandle("cannot read the database", h -> h.createQuery(
        "SELECT COUNT(*) FROM principals").mapTo(Long.class).one());
    return principals == 0 && new ShipmentRepository(db.dataSource()).count() == 0;
  }
}

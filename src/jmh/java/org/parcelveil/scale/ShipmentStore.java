package org.parcelveil.scale;

import java.util.List;
import java.util.Optional;
import java.time.Instant;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.ShipmentState;

/** Where the benchmark writes and reads shipment rows: one database, or several shards behind a router. */
public interface ShipmentStore extends AutoCloseable {
  /** A short name for the report, e.g. "1 instance". */
  String name();

  /** Stores the rows in one transaction per database they touch, as the batch endpoint stores a batch. */
  void insert(List<Shipment> rows);

  Optional<Shipment> find(String waybill);

  /**
   * Records a pick-up scan as the lifecycle does (state update guarded by the old state, event row, one
   * transaction); false if the shipment was no longer in its old state.
   */
  boolean scan(Shipment s);

  /** Rows held by each database, in order. */
  List<Long> rowsPerDatabase();

  @Override
  void close();

  /** The scan {@link #scan} records: a desk's pick-up, now. */
  static ShipmentEvent pickUp(Shipment s) {
    Instant now = Instant.now();
    return new ShipmentEvent(s.waybill(), 0, "PICKED_UP", "HZ-BJ01", null, "scale-desk", null, now, now);
  }

  static ShipmentState next() {
    return ShipmentState.PICKED_UP;
  }
}

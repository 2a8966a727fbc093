package org.parcelveil.scale;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentRepository;

/**
 * The service's own {@link ShipmentRepository} on one data source: a single PostgreSQL, or a sharding engine's
 * data source that looks like one database to the code above it.
 */
final class RepositoryStore implements ShipmentStore {
  private final String name;
  private final ShipmentRepository repository;
  private final EventRepository events;
  private final Supplier<List<Long>> counts;
  private final AutoCloseable resource;

  RepositoryStore(String name, DataSource dataSource, Supplier<List<Long>> counts, AutoCloseable resource) {
    this.name = name;
    this.repository = new ShipmentRepository(dataSource);
    this.events = new EventRepository(dataSource);
    this.counts = counts;
    this.resource = resource;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void insert(List<Shipment> rows) {
    repository.insert(rows, rows.get(0).merchantId(), null, null);
  }

  @Override
  public Optional<Shipment> find(String waybill) {
    return repository.find(waybill);
  }

  @Override
  public boolean scan(Shipment s) {
    return events.append(s, ShipmentStore.next(), s.assignment(), ShipmentStore.pickUp(s)).isPresent();
  }

  @Override
  public List<Long> rowsPerDatabase() {
    return counts.get();
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close " + name, e);
    }
  }
}

package org.parcelveil.scale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentRepository;

/**
 * Application-level sharding of shipments by waybill: a hash of the number picks one of {@link #BUCKETS} buckets,
 * and a bucket table maps buckets to databases. Waybills are FF1 permutations of a counter, so buckets fill evenly;
 * adding a shard moves whole buckets (a copy, then a switch of the table) instead of rehashing every row. A batch
 * is split by shard and each part is stored in its own transaction on its own database, in parallel.
 */
public final class WaybillShards implements ShipmentStore {
  static final int BUCKETS = 1024;
  private final List<ShipmentRepository> shards = new ArrayList<>();
  private final List<EventRepository> events = new ArrayList<>();
  private final List<DataSource> dataSources;
  private final int[] bucketToShard = new int[BUCKETS];
  private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "shard-writer");
    t.setDaemon(true);
    return t;
  });

  public WaybillShards(List<DataSource> dataSources) {
    if (dataSources.isEmpty()) {
      throw new IllegalArgumentException("at least one shard is needed");
    }
    this.dataSources = List.copyOf(dataSources);
    for (DataSource ds : dataSources) {
      shards.add(new ShipmentRepository(ds));
      events.add(new EventRepository(ds));
    }
    for (int b = 0; b < BUCKETS; b++) {
      bucketToShard[b] = b % dataSources.size();
    }
  }

  /**
   * The shard that holds {@code waybill}: FNV-1a over its characters, finished with MurmurHash3's mixer (FNV's
   * lowest bit alone is only the parity of the characters), then the bucket table.
   */
  public int shardOf(String waybill) {
    int h = 0x811c9dc5;
    for (byte b : waybill.getBytes(StandardCharsets.US_ASCII)) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return bucketToShard[Math.floorMod(h, BUCKETS)];
  }

  @Override
  public String name() {
    return shards.size() + " shards, application router";
  }

  @Override
  public void insert(List<Shipment> rows) {
    List<List<Shipment>> parts = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      parts.add(new ArrayList<>());
    }
    for (Shipment s : rows) {
      parts.get(shardOf(s.waybill())).add(s);
    }
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      List<Shipment> part = parts.get(i);
      if (!part.isEmpty()) {
        ShipmentRepository shard = shards.get(i);
        writes.add(CompletableFuture.runAsync(() -> shard.insert(part, part.get(0).merchantId(), null, null),
            writers));
      }
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }

  @Override
  public Optional<Shipment> find(String waybill) {
    return shards.get(shardOf(waybill)).find(waybill);
  }

  @Override
  public boolean scan(Shipment s) {
    return events.get(shardOf(s.waybill())).append(s, ShipmentStore.next(), s.assignment(), ShipmentStore.pickUp(s))
        .isPresent();
  }

  @Override
  public List<Long> rowsPerDatabase() {
    return dataSources.stream().map(ds -> new ShipmentRepository(ds).count()).toList();
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}

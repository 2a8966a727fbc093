package org.parcelveil.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.parcelveil.bench.Machine;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentRepository;
import org.parcelveil.store.Database;

/**
 * The scale-out benchmark: real sealed shipment rows batch-inserted into one PostgreSQL server, then into two
 * servers sharded by waybill, through ShardingSphere-JDBC (when on the classpath) and through the application-level
 * router; then pick-up scans (one transaction each) and point look-ups by waybill on each; then the bytes a row and
 * a delivered parcel take. Usage: {@code bench/scale [--rows 200000] [--rounds 3] [--clients 4]
 * [--lookup-seconds 10] [--parcels 1000] [--pin 1]}; {@code --pin 1} binds each server to a core of its own.
 */
public final class ScaleBenchmark {
  static final String SINGLE = "1 instance";
  private static final int POOL = 16;
  private static final int LOOKUP_CLIENTS = 8;
  private static final int SCAN_CLIENTS = 16;

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rowCount = 200_000;
    int rounds = 3;
    int clients = 4;
    int lookupSeconds = 10;
    int parcels = 1_000;
    boolean pinned = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--rows" -> rowCount = value;
        case "--rounds" -> rounds = value;
        case "--clients" -> clients = value;
        case "--lookup-seconds" -> lookupSeconds = value;
        case "--parcels" -> parcels = value;
        case "--pin" -> pinned = value == 1;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    String load = loadAverage();
    List<Shipment> rows = SealedRows.make(2_000, rowCount);
    log(rows.size() + " sealed rows ready");
    List<ScaleRun> runs = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    Footprint.TableSize bulk;
    List<String> storeNames;
    String servers;
    try (PostgresServers pg = PostgresServers.start(2);
        Database d0 = Database.open(pg.settings(0), "main", POOL);
        Database d1 = Database.open(pg.settings(1), "main", POOL)) {
      servers = pg.describe();
      if (pinned) {
        pg.pin(0, 0);
        pg.pin(1, 1);
      }
      List<ShipmentStore> stores = new ArrayList<>();
      stores.add(new RepositoryStore(SINGLE, d0.dataSource(), () -> List.of(count(d0)), () -> { }));
      if (ShardingSphereStore.available()) {
        stores.add(ShardingSphereStore.open(List.of(pg.settings(0), pg.settings(1)), POOL,
            () -> List.of(count(d0), count(d1))));
      } else {
        log("ShardingSphere-JDBC is not on the classpath (run with -Pscale): measuring the application router only");
      }
      stores.add(new WaybillShards(List.of(d0.dataSource(), d1.dataSource())));
      Duration phase = Duration.ofSeconds(lookupSeconds);
      // Round 0 warms each store's code paths up (the engine's especially); it is not reported.
      for (int round = 0; round <= rounds; round++) {
        List<Shipment> batch = round == 0 ? rows.subList(0, Math.min(rows.size(), 20_000)) : rows;
        for (int k = 0; k < stores.size(); k++) {
          // Rotate the order each round, so that no store always runs first on a cold server or last on a warm one.
          ShipmentStore store = stores.get((k + round) % stores.size());
          truncate(d0, d1);
          ScaleRun run = measure(round, store, batch, clients, round == 0 ? Duration.ofSeconds(3) : phase, notes);
          if (round > 0) {
            runs.add(run);
          }
          log(String.format("round %d, %s: %.0f rows/s inserted, %.0f scans/s, %.0f look-ups/s, rows %s", round,
              store.name(), run.insertsPerSecond(), run.scansPerSecond(), run.lookUpsPerSecond(),
              run.rowsPerDatabase()));
        }
      }
      truncate(d0, d1);
      StoreLoad.insert(stores.get(0), rows, clients);
      bulk = Footprint.measure(d0.dataSource(), "shipments");
      storeNames = stores.stream().map(ShipmentStore::name).toList();
      stores.forEach(ShipmentStore::close);
    }
    log("taking " + parcels + " parcels through the service for the footprint");
    List<Footprint.TableSize> lifecycle = Footprint.ofDeliveredParcels(parcels);
    ScaleReport.Setup setup = new ScaleReport.Setup(started, Machine.describe(), servers,
        load + " → " + loadAverage(), pinned, rowCount, clients, SCAN_CLIENTS, LOOKUP_CLIENTS);
    String report = ScaleReport.markdown(setup, storeNames, runs, notes, bulk, lifecycle, parcels);
    System.out.println(report);
    Path out = Path.of("target/scale/scale-out-" + started.replace(" ", "-").replace(":", "")
        + (pinned ? "-pinned" : "") + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("written to " + out);
  }

  static ScaleRun measure(int round, ShipmentStore store, List<Shipment> rows, int clients, Duration phase,
      Set<String> notes) throws Exception {
    double inserts = StoreLoad.insert(store, rows, clients);
    double scans = Double.NaN;
    try {
      scans = StoreLoad.scans(store, rows, SCAN_CLIENTS, phase);
    } catch (ExecutionException e) {
      notes.add(store.name() + ": the scan transaction failed: " + rootCause(e));
    }
    double lookUps = StoreLoad.lookUps(store, rows, LOOKUP_CLIENTS, phase);
    return new ScaleRun(round, store.name(), inserts, scans, lookUps, store.rowsPerDatabase());
  }

  private static long count(Database db) {
    return new ShipmentRepository(db.dataSource()).count();
  }

  private static void truncate(Database... dbs) throws Exception {
    for (Database db : dbs) {
      try (Connection c = db.connection(); Statement s = c.createStatement()) {
        s.execute("TRUNCATE shipments, shipment_events");
        s.execute("CHECKPOINT");
      }
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }

  static void log(String line) {
    System.out.println("[scale] " + line);
  }
}

package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

/**
 * A scan is one statement (the guarded update takes the event's number from the shipment's row): concurrent scans of
 * one parcel get consecutive numbers, an overtaken one inserts nothing, and a counter left behind by a writer that
 * does not keep it is caught up, on PostgreSQL and on Citus. On Citus the scan runs on the parcel's shard.
 */
class ScanAppendTest {
  /** The parcels whose plans are read: enough that both workers hold some of their shards. */
  private static final List<String> WAYBILLS = List.of("PV0000000001", "PV0000000002", "PV0000000003",
      "PV0000000004", "PV0000000005", "PV0000000006", "PV0000000007", "PV0000000008");

  /**
   * On Citus the scan's statement is one task sent to the worker holding the parcel's shard (a delegated call): one
   * round trip, not an INSERT ... SELECT whose moved row is pulled to the node that took it and inserted in a second
   * step. The same from a node on a worker, which hands the call to the other worker or, holding the shard itself,
   * runs it without a distributed step at all.
   */
  @Test
  void onCitus_theScansStatementRunsOnTheParcelsShard() throws Exception {
    DatabaseSettings coordinator = TestDatabases.freshCitus();
    try (Database db = Database.open(coordinator, "main", 2);
        EventRepository events = new EventRepository(db.dataSource(), false, db.distributed())) {
      String statement = events.singleStatement();
      try (Connection c = db.connection()) {
        List<Integer> ports = new ArrayList<>();
        for (String wb : WAYBILLS) {
          ports.add(shardPort(c, wb));
        }
        assertThat(ports).as("the parcels' shards are on both workers")
            .containsAll(List.of(port(TestDatabases.onCitusWorker(coordinator, 0).url()),
                port(TestDatabases.onCitusWorker(coordinator, 1).url())));
        for (String wb : WAYBILLS) {
          assertThat(plan(c, statement, wb)).as(wb).doesNotContain("INSERT ... SELECT")
              .contains("Custom Scan (Citus Adaptive)").contains("Task Count: 1").contains("port=" + shardPort(c, wb));
        }
      }
      for (int worker = 0; worker < 2; worker++) {
        try (Database onWorker = Database.open(TestDatabases.onCitusWorker(coordinator, worker), "main", 2);
            Connection c = onWorker.connection()) {
          int here = port(TestDatabases.onCitusWorker(coordinator, worker).url());
          for (String wb : WAYBILLS) {
            int shard = shardPort(c, wb);
            String plan = plan(c, statement, wb);
            if (shard == here) {
              assertThat(plan).as(wb + " from its own worker").doesNotContain("Custom Scan").startsWith("Result");
            } else {
              assertThat(plan).as(wb + " from the other worker").doesNotContain("INSERT ... SELECT")
                  .contains("Custom Scan (Citus Adaptive)").contains("Task Count: 1").contains("port=" + shard);
            }
          }
        }
      }
    }
  }

  /**
   * The plan of {@code statement} for a scan of {@code wb} in transit: the waybill and the state are its 7th and 8th
   * parameters (in both forms), the others NULL. Written in as literals: Citus plans no INSERT ... SELECT with
   * parameters under EXPLAIN.
   */
  private static String plan(Connection c, String statement, String wb) throws Exception {
    String[] parts = statement.split("\\?", -1);
    StringBuilder sql = new StringBuilder("EXPLAIN (COSTS OFF) ").append(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sql.append(i == 7 ? "'" + wb + "'" : i == 8 ? "'IN_TRANSIT'" : "NULL").append(parts[i]);
    }
    StringBuilder out = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
      while (rs.next()) {
        out.append(rs.getString(1).trim()).append('\n');
      }
    }
    return out.toString();
  }

  /** The port of the node holding the shard of {@code wb}'s parcel. */
  private static int shardPort(Connection c, String wb) throws Exception {
    try (PreparedStatement s = c.prepareStatement("SELECT nodeport FROM pg_dist_shard_placement "
        + "WHERE shardid = get_shard_id_for_distribution_column('shipments', ?)")) {
      s.setString(1, wb);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int port(String url) {
    String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void concurrentScans_numberedWithoutGaps_andABehindCounterCatchesUp(String kind) throws Exception {
    try (TestService svc = TestService.start(kind)) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String wb = svc.post("/v1/shipments", merchant, Fixtures.shipment("S-1")).json().get("waybill").asText();
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(201);
      // In transit: the scans below all start from the state they leave it in, so none is overtaken.
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "ARRIVED")).status())
          .isEqualTo(201);

      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> scans = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        scans.add(pool.submit(() -> svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "ARRIVED"))
            .status()));
      }
      for (Future<Integer> f : scans) {
        assertThat(f.get()).isEqualTo(201);
      }
      pool.shutdown();
      assertThat(seqs(svc, wb)).containsExactlyElementsOf(range(25));
      assertThat(counter(svc, wb)).isEqualTo(25);

      // A scan the state machine no longer allows inserts nothing.
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(409);
      assertThat(seqs(svc, wb)).hasSize(25);

      // A counter behind its events (an older node, a copied store): the scan still gets the next number.
      execute(svc, "UPDATE shipments SET event_seq = 3 WHERE waybill = ?", wb);
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "DEPARTED")).status())
          .isEqualTo(201);
      assertThat(counter(svc, wb)).isEqualTo(26);
      assertThat(svc.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "ARRIVED")).status())
          .isEqualTo(201);
      assertThat(seqs(svc, wb)).containsExactlyElementsOf(range(27));
    }
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      r.add(i);
    }
    return r;
  }

  private static List<Integer> seqs(TestService svc, String wb) throws Exception {
    List<Integer> out = new ArrayList<>();
    try (Connection c = svc.pv.database().connection();
        PreparedStatement s = c.prepareStatement("SELECT seq FROM shipment_events WHERE waybill = ? ORDER BY seq")) {
      s.setString(1, wb);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  private static int counter(TestService svc, String wb) throws Exception {
    try (Connection c = svc.pv.database().connection();
        PreparedStatement s = c.prepareStatement("SELECT event_seq FROM shipments WHERE waybill = ?")) {
      s.setString(1, wb);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void execute(TestService svc, String sql, String wb) throws Exception {
    try (Connection c = svc.pv.database().connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, wb);
      s.executeUpdate();
    }
  }
}

package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * A scan is one statement (the guarded update takes the event's number from the shipment's row): concurrent scans of
 * one parcel get consecutive numbers, an overtaken one inserts nothing, and a counter left behind by a writer that
 * does not keep it is caught up, on PostgreSQL and on Citus.
 */
class ScanAppendTest {

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

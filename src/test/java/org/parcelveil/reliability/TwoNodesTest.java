package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.store.TestDatabases;

/**
 * Two service nodes on one PostgreSQL behind a round-robin client: numbering, idempotency keys, budgets, the audit
 * sequencer and checkpoints stay correct. On Citus the second node is connected to a worker, as an operator spreads
 * application nodes over the workers.
 */
class TwoNodesTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void twoNodes_shareNumberingIdempotencyBudgetsAndOneLog(String kind) throws Exception {
    try (TestService a = TestService.start(kind); TestService b = kind.equals("citus")
        ? a.anotherNode(s -> s.withDatabase(TestDatabases.onCitusWorker(s.mainDatabase(), 0)))
        : a.anotherNode()) {
      List<TestService> nodes = List.of(a, b);
      Fixtures.network(a);
      String merchant = a.principal("merchant", "Shop", null).token();
      String origin = a.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = a.principal("station", "Xihu", "HZ-XH01").token();
      var courier = a.principal("courier", "Courier", "HZ-XH01");

      // Numbering: both nodes issue concurrently; no number twice, and each node routes with the other's stations.
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        TestService node = nodes.get(t % 2);
        futures.add(pool.submit(() -> {
          List<String> mine = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            List<Object> items = new ArrayList<>();
            for (int k = 0; k < 50; k++) {
              items.add(Fixtures.shipment("N-" + k));
            }
            node.post("/v1/shipments/batch", merchant, Map.of("shipments", items)).json().get("results")
                .forEach(r -> mine.add(r.get("waybill").asText()));
          }
          return mine;
        }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        all.addAll(f.get());
      }
      pool.shutdown();
      assertThat(all).hasSize(2000);
      assertThat(new HashSet<>(all)).hasSize(2000);
      assertThat(b.get("/v1/shipments/" + all.get(0), merchant).json().get("sortCode").asText()).isEqualTo("HZH-HZ-XH01");

      // Idempotency: the same key on the other node returns the same shipment; another body is a conflict.
      Map<String, String> key = Map.of("Idempotency-Key", "two-nodes-1");
      String first = a.post("/v1/shipments", merchant, Fixtures.shipment("I-1"), key).json().get("waybill").asText();
      assertThat(b.post("/v1/shipments", merchant, Fixtures.shipment("I-1"), key).json().get("waybill").asText())
          .isEqualTo(first);
      assertThat(b.post("/v1/shipments", merchant, Fixtures.shipment("I-2"), key).status()).isEqualTo(409);

      // Budgets: the per-shipment budget (5) holds across nodes, even when both are asked at once.
      String wb = all.get(1);
      a.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP"));
      b.post("/v1/shipments/" + wb + "/events", desk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      ExecutorService revealers = Executors.newFixedThreadPool(6);
      List<Future<Integer>> reveals = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        TestService node = nodes.get(i % 2);
        reveals.add(revealers.submit(() -> node.post("/v1/shipments/" + wb + "/reveal", courier.token(),
            Map.of("party", "recipient", "purpose", "DELIVERY")).status()));
      }
      int allowed = 0;
      for (Future<Integer> f : reveals) {
        allowed += f.get() == 200 ? 1 : 0;
      }
      revealers.shutdown();
      assertThat(allowed).isEqualTo(5);

      // One log: both nodes appended; it verifies, and both publish consistent checkpoints.
      a.pv.audit().publisher().publishNow();
      b.pv.audit().publisher().publishNow();
      AuditReport report = new AuditVerifier(a.pv.database().dataSource(), a.pv.audit().verifierKeys()).verify(null);
      assertThat(report.ok()).as(report.messages().toString()).isTrue();
      assertThat(report.treeSize()).isGreaterThanOrEqualTo(12);
      assertThat(a.get("/v1/audit/checkpoint", null).body()).isEqualTo(b.get("/v1/audit/checkpoint", null).body());
    }
  }
}

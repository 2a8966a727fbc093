package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.store.TestDatabases;

/**
 * Citus answers from any node: one service node connected to the coordinator and one connected to a worker, on the
 * same database, see each other's shipments, scans, tokens and revocations, and append to one log that verifies.
 */
class CitusAnyNodeTest {

  @Test
  void nodesOnCoordinatorAndWorker_shareShipmentsTokensRevocationsAndTheLog() throws Exception {
    try (TestService coord = TestService.start("citus");
        TestService worker = coord.anotherNode(s -> s.withDatabase(
            TestDatabases.onCitusWorker(s.mainDatabase(), 0)))) {
      assertThat(worker.pv.settings().mainDatabase().url()).isNotEqualTo(coord.pv.settings().mainDatabase().url());
      Fixtures.network(coord);
      String merchant = coord.principal("merchant", "Shop", null).token();
      String origin = worker.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = coord.principal("station", "Xihu", "HZ-XH01").token();
      var courier = worker.principal("courier", "Courier", "HZ-XH01");

      // Created on the coordinator's node, scanned and read on the worker's, and the other way round.
      String wb = coord.post("/v1/shipments", merchant, Fixtures.shipment("ANY-1")).json().get("waybill").asText();
      assertThat(worker.post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(201);
      var read = worker.get("/v1/shipments/" + wb, merchant);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().get("sortCode").asText()).isEqualTo("HZH-HZ-XH01");
      assertThat(read.json().get("events").size()).isEqualTo(1);
      String wb2 = worker.post("/v1/shipments", merchant, Fixtures.shipment("ANY-2")).json().get("waybill").asText();
      assertThat(wb2).isNotEqualTo(wb);
      assertThat(coord.get("/v1/shipments/" + wb2, merchant).status()).isEqualTo(200);

      // A reveal on the worker's node spends the budget and appends to the log, as on the coordinator's.
      coord.post("/v1/shipments/" + wb + "/events", desk,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      assertThat(worker.post("/v1/shipments/" + wb + "/reveal", courier.token(),
          Map.of("party", "recipient", "purpose", "DELIVERY")).status()).isEqualTo(200);

      // Revoked on one node: refused there at once, and on the other within the revocation bound (its token
      // cache), both ways round.
      var gone = worker.principal("merchant", "Gone", null);
      String goneWb = worker.post("/v1/shipments", gone.token(), Fixtures.shipment("GONE-1")).json().get("waybill")
          .asText();
      assertThat(coord.get("/v1/shipments/" + goneWb, gone.token()).status()).isEqualTo(200);
      assertThat(coord.delete("/v1/principals/" + gone.principal().id(), coord.adminToken).status()).isLessThan(300);
      assertThat(coord.get("/v1/shipments/" + goneWb, gone.token()).status()).isEqualTo(401);
      assertThat(statusWithinBound(() -> worker.get("/v1/shipments/" + goneWb, gone.token()).status()))
          .isEqualTo(401);
      var gone2 = coord.principal("station", "Gone too", "HZ-BJ01");
      assertThat(worker.delete("/v1/principals/" + gone2.principal().id(), worker.adminToken).status())
          .isLessThan(300);
      assertThat(statusWithinBound(() -> coord.post("/v1/shipments/" + wb2 + "/events", gone2.token(),
          Map.of("type", "PICKED_UP")).status())).isEqualTo(401);

      // One log, appended from both nodes, verifies from either.
      coord.pv.audit().publisher().publishNow();
      worker.pv.audit().publisher().publishNow();
      AuditReport report = new AuditVerifier(worker.pv.database().dataSource(), worker.pv.audit().verifierKeys())
          .verify(null);
      assertThat(report.ok()).as(report.messages().toString()).isTrue();
      assertThat(coord.get("/v1/audit/checkpoint", null).body()).isEqualTo(worker.get("/v1/audit/checkpoint", null)
          .body());
    }
  }

  /** The status once it is 401, asked until the revocation bound (and a margin for a slow machine) has passed. */
  private static int statusWithinBound(java.util.function.IntSupplier status) throws InterruptedException {
    long deadline = System.nanoTime() + org.parcelveil.access.Principals.REVOCATION_BOUND.toNanos()
        + java.time.Duration.ofMillis(500).toNanos();
    int last = status.getAsInt();
    while (last != 401 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      last = status.getAsInt();
    }
    return last;
  }
}

package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.TestService;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.tracking.Parcels;

/**
 * Two nodes on one PostgreSQL (on Citus: one on the coordinator, one on a worker): two orders verifying one number at
 * once through different nodes, one claim wins.
 */
class TwoNodesVerificationTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void concurrentOrdersOnTwoNodes_exactlyOneHoldsTheNumber(String kind) {
    try (TestService a = TestService.start(kind); TestService b = kind.equals("citus")
        ? a.anotherNode(s -> s.withDatabase(TestDatabases.onCitusWorker(s.mainDatabase(), 1)))
        : a.anotherNode()) {
      Parcels p = new Parcels(a);
      String platform = a.principal("platform", "Market", null).token();
      Instant ordered = a.clock.instant().minusSeconds(60);
      String wb = p.create("N-1");
      p.toDestination(wb, 900);
      CompletableFuture<JsonNode> viaA = CompletableFuture.supplyAsync(
          () -> a.post("/v1/verifications", platform, VerificationApiTest.order(wb, "ORDER-A", ordered)).json());
      CompletableFuture<JsonNode> viaB = CompletableFuture.supplyAsync(
          () -> b.post("/v1/verifications", platform, VerificationApiTest.order(wb, "ORDER-B", ordered)).json());
      List<String> verdicts = List.of(viaA.join().get("verdict").asText(), viaB.join().get("verdict").asText());
      assertThat(verdicts).containsExactlyInAnyOrder("MATCH", "MISMATCH");
      String winner = verdicts.get(0).equals("MATCH") ? "ORDER-A" : "ORDER-B";
      TestService other = winner.equals("ORDER-A") ? b : a;
      assertThat(other.post("/v1/verifications", platform, VerificationApiTest.order(wb, winner, ordered)).json()
          .get("verdict").asText()).isEqualTo("MATCH");
    }
  }
}

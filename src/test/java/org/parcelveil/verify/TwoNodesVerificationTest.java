package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/** Two nodes on one PostgreSQL: two orders verifying one number at once through different nodes, one claim wins. */
class TwoNodesVerificationTest {

  @Test
  void concurrentOrdersOnTwoNodes_exactlyOneHoldsTheNumber() {
    try (TestService a = TestService.start("postgres"); TestService b = a.anotherNode()) {
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

package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parcelveil.access.Principals;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * Two nodes caching tokens: a token revoked through one node is refused there at once, and on the other node by
 * {@link Principals#REVOCATION_BOUND} after the revocation at the latest.
 */
class TokenRevocationTest {
  private static final long BOUND_NANOS = Principals.REVOCATION_BOUND.toNanos();

  record Attempt(long sentAt, int status) {}

  @Test
  void revokedOnOneNode_refusedThereAtOnce_andOnTheOtherWithinTheBound() throws Exception {
    try (TestService a = TestService.start("postgres"); TestService b = a.anotherNode()) {
      Fixtures.network(a);
      var merchant = a.principal("merchant", "Shop", null);
      String token = merchant.token();
      // Both nodes admit it, long enough for each to have cached it.
      long warm = System.nanoTime() + 2 * BOUND_NANOS;
      while (System.nanoTime() < warm) {
        assertThat(a.get("/v1/stations", token).status()).isEqualTo(200);
        assertThat(b.get("/v1/stations", token).status()).isEqualTo(200);
        Thread.sleep(20);
      }

      assertThat(a.delete("/v1/principals/" + merchant.principal().id(), a.adminToken).status()).isEqualTo(204);
      long revoked = System.nanoTime();

      assertThat(a.get("/v1/stations", token).status()).as("the revoking node").isEqualTo(401);
      List<Attempt> attempts = new ArrayList<>();
      while (System.nanoTime() < revoked + BOUND_NANOS + 500_000_000L) {
        long sent = System.nanoTime();
        attempts.add(new Attempt(sent, b.get("/v1/stations", token).status()));
        Thread.sleep(10);
      }
      assertThat(attempts).filteredOn(t -> t.sentAt() >= revoked + BOUND_NANOS).isNotEmpty()
          .allSatisfy(t -> assertThat(t.status()).as("the other node after the bound").isEqualTo(401));
      int firstRefused = attempts.stream().map(Attempt::status).toList().indexOf(401);
      assertThat(attempts.subList(firstRefused, attempts.size())).as("never admitted again once refused")
          .allSatisfy(t -> assertThat(t.status()).isEqualTo(401));
      assertThat(a.get("/v1/stations", token).status()).isEqualTo(401);
    }
  }
}

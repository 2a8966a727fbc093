package org.parcelveil.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * Plaintext is made only after the decision: a reveal touches the shipment's bucket key (the first step of every
 * decryption) only once its budget spend and audit entry have committed. The bucket key is destroyed behind the
 * service's back (the shipment is not marked shredded), so any attempt to decrypt is seen as a {@code shredded}
 * answer.
 */
class RevealOrderTest {

  @Test
  void overBudgetReveal_neverTouchesTheKey() {
    try (TestService svc = TestService.start("postgres",
        s -> s.withDisclosure(new DisclosureLimits(Duration.ofHours(2), 10, 1, 20, 2)))) {
      DeliveryScenarioTest.Cast c = DeliveryScenarioTest.cast(svc);
      String wb = outForDelivery(svc, c, "O-1");
      assertThat(DeliveryScenarioTest.reveal(svc, c.courier(), wb, "recipient", "DELIVERY", null).status())
          .isEqualTo(200);
      destroyBucketKeyOnly(svc, wb);

      TestService.Response refused = DeliveryScenarioTest.reveal(svc, c.courier(), wb, "recipient", "DELIVERY", null);

      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(DeliveryScenarioTest.reason(refused)).isEqualTo(Disclosures.BUDGET_EXCEEDED);
    }
  }

  @Test
  void allowedReveal_ofAKeyGoneSinceTheCheck_isLoggedAsShreddedAndRevealsNothing() {
    try (TestService svc = TestService.start("postgres",
        s -> s.withDisclosure(new DisclosureLimits(Duration.ofHours(2), 10, 2, 20, 2)))) {
      DeliveryScenarioTest.Cast c = DeliveryScenarioTest.cast(svc);
      String wb = outForDelivery(svc, c, "O-2");
      destroyBucketKeyOnly(svc, wb);

      TestService.Response gone = DeliveryScenarioTest.reveal(svc, c.courier(), wb, "recipient", "DELIVERY", null);

      assertThat(gone.status()).as(gone.body()).isEqualTo(410);
      assertThat(DeliveryScenarioTest.reason(gone)).isEqualTo(Disclosures.SHREDDED);
      assertThat(gone.body()).doesNotContain(Fixtures.MARK_NAME, Fixtures.MARK_PHONE);
    }
  }

  private static String outForDelivery(TestService svc, DeliveryScenarioTest.Cast c, String reference) {
    String wb = svc.post("/v1/shipments", c.merchant(), Fixtures.shipment(reference)).json().get("waybill").asText();
    DeliveryScenarioTest.event(svc, c.originDesk(), wb, Map.of("type", "PICKED_UP"));
    DeliveryScenarioTest.event(svc, c.destDesk(), wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", c.courierId()));
    return wb;
  }

  private static void destroyBucketKeyOnly(TestService svc, String wb) {
    LocalDate day = svc.pv.shipments().find(wb).orElseThrow().retentionDay();
    assertThat(svc.pv.keys().destroyBucket(day)).isTrue();
  }
}

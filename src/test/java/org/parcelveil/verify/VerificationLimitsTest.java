package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Budget;

/** Each platform has its own request budget; past it, 429 with Retry-After, and other platforms are unaffected. */
class VerificationLimitsTest {

  @Test
  void platformBudget_isPerPlatform() {
    try (TestService svc = TestService.start("postgres",
        s -> s.withVerification(s.verification().withPerPlatform(Budget.perMinute(3))))) {
      String a = svc.principal("platform", "A", null).token();
      String b = svc.principal("platform", "B", null).token();
      Map<String, Object> o = VerificationApiTest.order("PV12345678901234X", "L-1", svc.clock.instant());
      for (int i = 0; i < 3; i++) {
        assertThat(svc.post("/v1/verifications", a, o).status()).isEqualTo(200);
      }
      TestService.Response r = svc.post("/v1/verifications", a, o);
      assertThat(r.status()).isEqualTo(429);
      assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 20L);
      assertThat(svc.post("/v1/verifications", b, o).status()).isEqualTo(200);
    }
  }
}

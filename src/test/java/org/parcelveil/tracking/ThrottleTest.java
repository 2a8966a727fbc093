package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;

/** The per-client budgets of look-ups and misses: 429 with Retry-After past them, and back after the wait. */
class ThrottleTest {

  @Test
  void misses_areThrottledLongBeforeLookups_andComeBackAfterRetryAfter() {
    try (TestService svc = TestService.start("postgres", s -> s.withTracking(s.tracking()
        .withLookups(Budget.perHour(100)).withMisses(Budget.perHour(3))))) {
      Parcels p = new Parcels(svc);
      String wb = p.create("R-1");
      assertThat(svc.get("/v1/track/" + wb, null).status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        assertThat(svc.get("/v1/track/PV0000000000000" + i + "X", null).status()).isEqualTo(404);
      }
      TestService.Response refused = svc.get("/v1/track/" + wb, null);
      assertThat(refused.status()).as("a client out of misses is refused even a good look-up").isEqualTo(429);
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      long retry = Long.parseLong(refused.header("Retry-After"));
      assertThat(retry).isBetween(1L, 1200L);
      assertThat(svc.get("/track?waybill=" + wb, null).status()).isEqualTo(429);

      svc.clock.advance(Duration.ofSeconds(retry));
      assertThat(svc.get("/v1/track/" + wb, null).status()).isEqualTo(200);
    }
  }

  @Test
  void wrongPhoneDigits_spendTheMissBudget() {
    try (TestService svc = TestService.start("postgres", s -> s.withTracking(s.tracking().withMisses(Budget.perHour(2))))) {
      Parcels p = new Parcels(svc);
      String wb = p.create("R-2");
      assertThat(svc.get("/v1/track/" + wb + "?phoneLast4=0000", null).status()).isEqualTo(200);
      assertThat(svc.get("/v1/track/" + wb + "?phoneLast4=0001", null).status()).isEqualTo(200);
      assertThat(svc.get("/v1/track/" + wb + "?phoneLast4=4321", null).status()).isEqualTo(429);
    }
  }

  @Test
  void lookups_haveTheirOwnBudget() {
    try (TestService svc = TestService.start("postgres", s -> s.withTracking(s.tracking().withLookups(Budget.perHour(5))))) {
      Parcels p = new Parcels(svc);
      String wb = p.create("R-3");
      for (int i = 0; i < 5; i++) {
        assertThat(svc.get("/v1/track/" + wb, null).status()).isEqualTo(200);
      }
      TestService.Response r = svc.get("/v1/track/" + wb, null);
      assertThat(r.status()).isEqualTo(429);
      assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 720L);
    }
  }

  @Test
  void forwardedHeader_isIgnoredUnlessConfigured_andThenSeparatesClients() {
    try (TestService plain = TestService.start("postgres", s -> s.withTracking(s.tracking().withMisses(Budget.perHour(2))))) {
      for (int i = 0; i < 2; i++) {
        assertThat(missFrom(plain, "203.0.113." + i)).isEqualTo(404);
      }
      assertThat(missFrom(plain, "203.0.113.99")).as("a client cannot pick its own key").isEqualTo(429);
    }
    try (TestService proxied = TestService.start("postgres", s -> s.withTracking(s.tracking()
        .withMisses(Budget.perHour(2)).withTrustedProxyHeader("X-Forwarded-For")))) {
      assertThat(missFrom(proxied, "203.0.113.1")).isEqualTo(404);
      assertThat(missFrom(proxied, "203.0.113.1")).isEqualTo(404);
      assertThat(missFrom(proxied, "203.0.113.1")).isEqualTo(429);
      assertThat(missFrom(proxied, "198.51.100.7, 203.0.113.1")).as("the proxy's entry is the last").isEqualTo(429);
      assertThat(missFrom(proxied, "203.0.113.2")).isEqualTo(404);
    }
  }

  private static int missFrom(TestService svc, String forwardedFor) {
    return svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/track/PV00000000000000X")))
        .header("X-Forwarded-For", forwardedFor).GET(), null).status();
  }
}

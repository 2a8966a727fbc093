package org.parcelveil.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;

/** The sign-in counters on PostgreSQL: the per-name ceiling, the day's restart, and attempts racing each other. */
class SignInThrottleTest {
  private static TestService svc;
  private static SignInThrottle throttle;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    throttle = new SignInThrottle(svc.pv.database().dataSource(), Lockout.STANDARD,
        new Lockout(3, Duration.ofMinutes(1), Duration.ofMinutes(15)), new byte[32]);
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void manyClientsTogether_reachTheNamesCeiling_andThenEveryClientWaits() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    String name = throttle.keyOf("ceiling");
    assertThat(throttle.charge(name, "client-a", now).lockIfFails()).isNull();
    assertThat(throttle.charge(name, "client-b", now).lockIfFails()).isNull();
    assertThat(throttle.charge(name, "client-c", now).lockIfFails()).isEqualTo(now.plus(Duration.ofMinutes(1)));
    assertThat(throttle.charge(name, "client-d", now.plusSeconds(1)).refused()).isTrue();
    // A day later the count starts again.
    assertThat(throttle.charge(name, "client-d", now.plus(Duration.ofHours(25))).refused()).isFalse();
  }

  @Test
  void rightPassword_clearsTheClientsCount_andTakesBackItsChargeOnTheName() {
    Instant now = Instant.parse("2030-02-01T00:00:00Z");
    String name = throttle.keyOf("refund");
    throttle.charge(name, "client-a", now);
    throttle.charge(name, "client-a", now);
    throttle.succeeded(name, "client-a");
    // Two charges, one of them taken back: one more failure is free on the name (ceiling 3).
    assertThat(throttle.charge(name, "client-b", now).lockIfFails()).isNull();
    assertThat(throttle.charge(name, "client-b", now).lockIfFails()).isNotNull();
  }

  @Test
  void racingAttempts_shareNoFreeTry() throws Exception {
    Instant now = Instant.parse("2030-03-01T00:00:00Z");
    SignInThrottle roomy = new SignInThrottle(svc.pv.database().dataSource(), Lockout.STANDARD, Lockout.PER_NAME,
        new byte[32]);
    String name = roomy.keyOf("race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Charge>> attempts = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        attempts.add(() -> roomy.charge(name, "one-client", now));
      }
      int checked = 0;
      for (Future<Charge> f : pool.invokeAll(attempts)) {
        checked += f.get().refused() ? 0 : 1;
      }
      // Four free failures and the fifth, which set the lock: no more, however many came at once.
      assertThat(checked).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
  }
}

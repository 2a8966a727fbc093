package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.web.session.Totp;

/**
 * The second factor's lock-out through real HTTP: wrong codes are counted on their own, so signing in again with
 * the right password does not buy a fresh set of guesses.
 */
class SecondFactorLockoutTest {
  private static TestService svc;
  private static final Map<String, byte[]> SECRETS = new HashMap<>();

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    People.admin(svc, "guarded");
    // The first sign-in enrols the authenticator app and keeps its secret for the test.
    assertThat(People.signIn(new ConsoleClient(svc), svc, "guarded", SECRETS).path()).isEqualTo("/console/admin");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void wrongCodes_acrossRepeatedCorrectPasswords_endInALock() {
    List<Integer> statuses = new ArrayList<>();
    ConsoleClient last = null;
    for (int cycle = 0; cycle < 6; cycle++) {
      last = passwordOnly();
      for (int i = 0; i < 4; i++) {
        ConsoleClient.Page p = last.post("/console/2fa", Map.of("code", wrongCode()));
        statuses.add(p.status());
        if (p.status() == 429) {
          assertThat(p.header("Retry-After")).isNotNull();
          assertThat(p.body()).contains("Try again in");
        }
      }
    }
    assertThat(statuses.subList(0, 4)).containsOnly(401);
    assertThat(statuses.subList(4, statuses.size())).as("every code after the fifth wrong one").containsOnly(429);

    // Locked: even the right code is not checked, however often the password is given again.
    ConsoleClient c = passwordOnly();
    assertThat(c.post("/console/2fa", Map.of("code", rightCode())).status()).isEqualTo(429);

    // The lock ends; the right code signs in and clears the count.
    svc.clock.advance(Duration.ofDays(2));
    c = passwordOnly();
    assertThat(c.post("/console/2fa", Map.of("code", rightCode())).path()).isEqualTo("/console/admin");
    c = passwordOnly();
    for (int i = 0; i < 4; i++) {
      assertThat(c.post("/console/2fa", Map.of("code", wrongCode())).status()).isEqualTo(401);
    }
  }

  /** Signs in with the right password and stops at the second-factor page. */
  private static ConsoleClient passwordOnly() {
    ConsoleClient c = new ConsoleClient(svc);
    c.get("/console/signin");
    ConsoleClient.Page p = c.post("/console/signin", Map.of("login", "guarded", "password", People.PASSWORD));
    assertThat(p.path()).as("the password alone is still accepted").isEqualTo("/console/2fa");
    return c;
  }

  private static String rightCode() {
    // Each code works once: a fresh step for every use.
    svc.clock.advance(Duration.ofSeconds(31));
    return Totp.code(SECRETS.get("guarded"), svc.clock.instant());
  }

  /** A code that none of the accepted steps (now and one either side) would produce. */
  private static String wrongCode() {
    Instant now = svc.clock.instant();
    byte[] secret = SECRETS.get("guarded");
    Set<String> valid = Set.of(Totp.code(secret, now.minusSeconds(60)), Totp.code(secret, now.minusSeconds(30)),
        Totp.code(secret, now), Totp.code(secret, now.plusSeconds(30)), Totp.code(secret, now.plusSeconds(60)));
    for (String guess : List.of("000000", "111111", "222222", "333333", "444444", "555555")) {
      if (!valid.contains(guess)) {
        return guess;
      }
    }
    throw new AssertionError("five codes cannot cover six guesses");
  }
}

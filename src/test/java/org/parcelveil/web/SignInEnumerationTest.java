package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;

/**
 * A real sign-in name and a made-up one answer alike, in status, words and time, so the sign-in page cannot be used
 * to learn who has an account, nor (by locking) to keep anyone out.
 */
class SignInEnumerationTest {
  private static TestService svc;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres",
        s -> s.withTracking(s.tracking().withTrustedProxyHeader("X-Forwarded-For")));
    People.person(svc, "merchant", "Real Shop", null, "real-shop");
    People.person(svc, "merchant", "Slow Shop", null, "slow-shop");
    People.person(svc, "merchant", "Victim Shop", null, "victim-shop");
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  /** What a guesser sees of one attempt: status, Retry-After and the page with the name and the form token out. */
  private record Seen(int status, String retryAfter, String page) {}

  private static List<Seen> guess(String login, String address, int attempts) {
    ConsoleClient c = new ConsoleClient(svc, address);
    c.get("/console/signin");
    List<Seen> seen = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      String csrf = c.get("/console/signin").csrf();
      ConsoleClient.Page p = c.post("/console/signin", Map.of("login", login, "password", "not the password " + i));
      seen.add(new Seen(p.status(), p.header("Retry-After") == null ? "-" : "set",
          p.body().replace(login, "NAME").replace(csrf, "CSRF")));
    }
    return seen;
  }

  @Test
  void realAndMadeUpNames_getTheSameStatusesAndPages() {
    List<Seen> real = guess("real-shop", "192.0.2.1", 8);
    List<Seen> madeUp = guess("ghost-shop", "192.0.2.2", 8);
    assertThat(real).extracting(Seen::status).containsExactly(401, 401, 401, 401, 429, 429, 429, 429);
    assertThat(madeUp).containsExactlyElementsOf(real);
    assertThat(real.get(4).page()).contains("Try again in");
  }

  @Test
  void wrongPasswords_takeAsLongForRealAndMadeUpNames_andALockIsNoShortcut() {
    // Each normal attempt from its own address, so that no throttle is reached while they are timed; the locked
    // attempts come from one address whose lock is reached first. The three kinds are interleaved, so that the
    // shared machine's load falls on all of them alike.
    int rounds = 11;
    long[] real = new long[rounds];
    long[] madeUp = new long[rounds];
    long[] locked = new long[rounds];
    time("slow-shop", "198.18.0.250");
    time("nobody-here", "198.18.0.251");
    for (int i = 0; i < 5; i++) {
      time("slow-shop", "198.18.3.1");
    }
    for (int i = 0; i < rounds; i++) {
      real[i] = time("slow-shop", "198.18.1." + i);
      madeUp[i] = time("nobody-here", "198.18.2." + i);
      locked[i] = time("slow-shop", "198.18.3.1");
    }
    double ratio = (double) median(real) / median(madeUp);
    assertThat(ratio).as("median real / made-up = %s / %s ns", median(real), median(madeUp)).isBetween(0.5, 2.0);
    assertThat(median(locked)).as("a locked name answers as slowly as a wrong password (%s ns vs %s ns)",
        median(locked), median(real)).isGreaterThan(median(real) / 2);
  }

  @Test
  void anAttackerAtOneAddress_cannotKeepTheUserOutAtAnother() {
    ConsoleClient attacker = new ConsoleClient(svc, "203.0.113.7");
    attacker.get("/console/signin");
    ConsoleClient.Page p = null;
    for (int i = 0; i < 20; i++) {
      if (p != null && p.status() == 429) {
        // The attacker waits out each lock, as a patient one would.
        svc.clock.advance(java.time.Duration.ofSeconds(Long.parseLong(p.header("Retry-After"))));
      }
      p = attacker.post("/console/signin", Map.of("login", "victim-shop", "password", "guess " + i));
    }
    assertThat(p.status()).as("the attacker's address is locked out now").isEqualTo(429);

    ConsoleClient user = new ConsoleClient(svc, "198.51.100.20");
    user.get("/console/signin");
    ConsoleClient.Page in = user.post("/console/signin", Map.of("login", "victim-shop", "password", People.PASSWORD));
    assertThat(in.path()).isEqualTo("/console/merchant");
  }

  private static long time(String login, String address) {
    ConsoleClient c = new ConsoleClient(svc, address);
    c.get("/console/signin");
    long start = System.nanoTime();
    ConsoleClient.Page p = c.post("/console/signin", Map.of("login", login, "password", "certainly wrong"));
    long took = System.nanoTime() - start;
    assertThat(p.status()).isIn(401, 429);
    return took;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}

package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * A number trader against public tracking: stepping from a known number (the attack that harvested most of some
 * carriers' valid numbers within five guesses) and random well-formed numbers find nothing beyond what the size of
 * the number space allows, and a stepping client is throttled long before it could matter.
 */
class EnumerationTest {
  static final int ISSUED = 2_000;
  static TestService svc;
  static Set<String> issued;
  static String known;
  static WellFormed numbers = new WellFormed("PV");

  @BeforeAll
  static void start() {
    // Default budgets; the proxy header lets the test play many clients (a botnet) as well as one.
    svc = TestService.start("postgres", s -> s.withTracking(s.tracking().withTrustedProxyHeader("X-Forwarded-For")));
    Parcels p = new Parcels(svc);
    List<Object> batch = new ArrayList<>();
    for (int i = 0; i < ISSUED; i++) {
      batch.add(Fixtures.shipment("E-" + i));
    }
    JsonNode results = svc.post("/v1/shipments/batch", p.merchant, Map.of("shipments", batch)).json().get("results");
    issued = new HashSet<>();
    results.forEach(r -> issued.add(r.get("waybill").asText()));
    assertThat(issued).hasSize(ISSUED);
    known = results.get(ISSUED / 2).get("waybill").asText();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void oneClientStepping_isThrottledWithinItsMissBudget() {
    int answered = 0;
    int found = 0;
    int firstRefusal = -1;
    for (int k = 1; k <= 1_000 && firstRefusal < 0; k++) {
      for (long delta : new long[] {k, -k}) {
        int status = track(numbers.step(known, delta), "198.51.100.20");
        if (status == 429) {
          firstRefusal = answered + 1;
          break;
        }
        answered++;
        found += status == 200 ? 1 : 0;
      }
    }
    assertThat(found).isZero();
    assertThat(firstRefusal).as("refused right after the 20 misses of the default budget").isEqualTo(21);
    assertThat(track(known, "198.51.100.20")).as("and refused its known number too").isEqualTo(429);
  }

  @Test
  void manyClientsStepping_plusMinusAThousand_findNothing() {
    AtomicInteger found = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    IntStream.rangeClosed(1, 1_000).parallel().forEach(k -> {
      for (long delta : new long[] {k, -k}) {
        // A fresh address for every request: the most a botnet could do.
        int status = track(numbers.step(known, delta), "10." + (k >> 8) + "." + (k & 255) + "." + (delta > 0 ? 1 : 2));
        found.addAndGet(status == 200 ? 1 : 0);
        refused.addAndGet(status == 429 ? 1 : 0);
      }
    });
    assertThat(refused.get()).isZero();
    // Expected by chance: 2,000 guesses x 2,000 issued / 10^14 numbers = 4e-8.
    assertThat(found.get()).isZero();
  }

  @Test
  void aMillionRandomWellFormedNumbers_findNothing() {
    Tracker tracker = svc.pv.tracker();
    AtomicInteger found = new AtomicInteger();
    IntStream.range(0, 1_000_000).parallel().forEach(i -> {
      String n = numbers.random();
      if (tracker.track(n, null).found().isPresent()) {
        found.incrementAndGet();
        assertThat(issued).contains(n);
      }
    });
    // Expected by chance: 10^6 x 2,000 / 10^14 = 2e-5, so any hit at all would point at a flaw.
    assertThat(found.get()).isZero();
  }

  private static int track(String waybill, String client) {
    return svc.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/track/" + waybill)))
        .header("X-Forwarded-For", client).GET(), null).status();
  }
}

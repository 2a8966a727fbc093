package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;

/**
 * The claim registry: the first claim holds, of many racing claims exactly one wins, and of many orders racing to
 * take over a claim on weaker evidence exactly one does.
 */
class ClaimRegistryTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void racingClaims_haveExactlyOneWinner_whomEveryoneSees(String kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 8)) {
      ClaimRegistry claims = new ClaimRegistry(db.dataSource());
      assertThat(claims.find("PV00000000000000A")).isEmpty();
      Set<ClaimRegistry.Claim> seen = ConcurrentHashMap.newKeySet();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = IntStream.range(0, 8).mapToObj(i -> new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.add(claims.claim("PV00000000000000A", "platform-" + (i % 2), "order-" + i, Evidence.AREA,
            Instant.now()));
      })).toList();
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(seen).hasSize(1);
      assertThat(claims.find("PV00000000000000A")).contains(seen.iterator().next());
      ClaimRegistry.Claim later = claims.claim("PV00000000000000A", "platform-9", "order-9", Evidence.AREA,
          Instant.now());
      assertThat(later).isEqualTo(seen.iterator().next());
    }
  }

  @Test
  void racingTakeOvers_ofAnAreaClaim_haveExactlyOneWinner_andAnEqualClaimIsNotTaken() throws Exception {
    try (Database db = Database.open(TestDatabases.fresh("postgres"), "main", 8)) {
      ClaimRegistry claims = new ClaimRegistry(db.dataSource());
      String wb = "PV00000000000000B";
      claims.claim(wb, "platform-x", "provisional", Evidence.AREA, Instant.now());
      Set<ClaimRegistry.Claim> seen = ConcurrentHashMap.newKeySet();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = IntStream.range(0, 8).mapToObj(i -> new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.add(claims.takeOver(wb, "platform-" + (i % 2), "order-" + i, Evidence.PHONE, Instant.now()));
      })).toList();
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(seen).hasSize(1);
      ClaimRegistry.Claim winner = seen.iterator().next();
      assertThat(winner.evidence()).isEqualTo(Evidence.PHONE);
      assertThat(claims.takeOver(wb, "platform-9", "order-9", Evidence.PHONE, Instant.now())).isEqualTo(winner);
      assertThat(claims.find(wb)).contains(winner);
    }
  }
}

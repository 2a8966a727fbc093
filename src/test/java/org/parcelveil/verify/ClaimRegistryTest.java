package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;

/** The claim registry on H2 and PostgreSQL: the first claim holds, and of many racing claims exactly one wins. */
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
        seen.add(claims.claim("PV00000000000000A", "platform-" + (i % 2), "order-" + i, Instant.now()));
      })).toList();
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(seen).hasSize(1);
      assertThat(claims.find("PV00000000000000A")).contains(seen.iterator().next());
      ClaimRegistry.Claim later = claims.claim("PV00000000000000A", "platform-9", "order-9", Instant.now());
      assertThat(later).isEqualTo(seen.iterator().next());
    }
  }
}

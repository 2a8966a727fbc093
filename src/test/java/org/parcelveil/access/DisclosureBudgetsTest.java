package org.parcelveil.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;

/** The budget counters under concurrency, on H2 and PostgreSQL: never overspent, never refused while budget is left. */
class DisclosureBudgetsTest {
  static final Principal COURIER = new Principal("pr_courier", Role.COURIER, "Courier", "HZ-XH01",
      Instant.parse("2026-01-01T00:00:00Z"), null);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void firstRevealsOfTheDayAtOnce_allSpendWhileBudgetIsLeft(String kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 16)) {
      assertThat(spendAtOnce(budgets(db, 1_000), 12)).isEqualTo(12);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void revealsAtOnce_neverOverspendThePerShipmentBudget(String kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 16)) {
      DisclosureBudgets budgets = budgets(db, 5);
      assertThat(spendAtOnce(budgets, 12)).isEqualTo(5);
      assertThat(budgets.trySpend(COURIER, "PV00000000000001A")).isFalse();
    }
  }

  private static DisclosureBudgets budgets(Database db, int perShipment) {
    return new DisclosureBudgets(db.dataSource(), db.dialect(),
        new DisclosureLimits(Duration.ofHours(12), 1_000, perShipment, 20, 2), CLOCK);
  }

  /** Starts {@code n} spends on one shipment together; returns how many were allowed. */
  private static int spendAtOnce(DisclosureBudgets budgets, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> spends = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        spends.add(pool.submit(() -> {
          start.await();
          return budgets.trySpend(COURIER, "PV00000000000001A");
        }));
      }
      start.countDown();
      int allowed = 0;
      for (Future<Boolean> f : spends) {
        allowed += f.get() ? 1 : 0;
      }
      return allowed;
    } finally {
      pool.shutdownNow();
    }
  }
}

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
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/** The budget counters under concurrency, on PostgreSQL: never overspent, never refused while budget is left. */
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

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void spend_takesFromBothBudgetsOrNeither(String kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 4)) {
      DisclosureBudgets budgets = budgets(db, 3, 1);
      assertThat(budgets.trySpend(COURIER, "PV00000000000001A")).isTrue();
      // Refused by the shipment's budget: the day's total must not lose a unit for it.
      assertThat(budgets.trySpend(COURIER, "PV00000000000001A")).isFalse();
      assertThat(budgets.trySpend(COURIER, "PV00000000000002A")).isTrue();
      assertThat(budgets.trySpend(COURIER, "PV00000000000003A")).isTrue();
      // The total (3) is used up: a fresh shipment is refused, and its counter stays unspent.
      assertThat(budgets.trySpend(COURIER, "PV00000000000004A")).isFalse();
      try (var c = db.connection(); var rs = c.createStatement().executeQuery(
          "SELECT scope, used FROM disclosure_budget WHERE used > 0 ORDER BY scope")) {
        StringBuilder rows = new StringBuilder();
        while (rs.next()) {
          rows.append(rs.getString(1)).append('=').append(rs.getInt(2)).append(' ');
        }
        assertThat(rows.toString().trim()).isEqualTo(
            "*=3 PV00000000000001A=1 PV00000000000002A=1 PV00000000000003A=1");
      }
    }
  }

  private static DisclosureBudgets budgets(Database db, int perShipment) {
    return budgets(db, 1_000, perShipment);
  }

  private static DisclosureBudgets budgets(Database db, int total, int perShipment) {
    return new DisclosureBudgets(db.dataSource(),
        new DisclosureLimits(Duration.ofHours(12), total, perShipment, 20, 2), CLOCK);
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

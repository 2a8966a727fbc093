package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

class CounterLeasesTest {
  private static final long LIMIT = 100_000_000_000_000L;

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void lease_givesConsecutiveBlocks_ofDefaultSize(String kind) {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 2)) {
      CounterLeases leases = new CounterLeases(db.dataSource());

      assertThat(leases.blockSize()).isEqualTo(1000);
      assertThat(leases.lease()).isEqualTo(new CounterBlock(0, 1000));
      assertThat(leases.lease()).isEqualTo(new CounterBlock(1000, 2000));
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void twoNodesOnOneDatabase_issuingConcurrently_neverShareANumber(String kind) throws Exception {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    WaybillCodec codec = TestKeys.codec();
    int threadsPerNode = 3;
    int perThread = 2_000;
    try (Database node1 = Database.open(settings, "main", 3); Database node2 = Database.open(settings, "main", 3)) {
      List<WaybillIssuer> issuers = List.of(
          new WaybillIssuer(codec, new CounterLeases(node1.dataSource(), 50)),
          new WaybillIssuer(codec, new CounterLeases(node2.dataSource(), 50)));
      ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
      List<Future<List<Waybill>>> results = new ArrayList<>();
      try {
        for (WaybillIssuer issuer : issuers) {
          for (int t = 0; t < threadsPerNode; t++) {
            boolean batches = t % 2 == 0;
            Callable<List<Waybill>> work = () -> {
              List<Waybill> mine = new ArrayList<>();
              while (mine.size() < perThread) {
                if (batches) {
                  mine.addAll(issuer.next(37));
                } else {
                  mine.add(issuer.next());
                }
              }
              return mine;
            };
            results.add(pool.submit(work));
          }
        }
        Set<String> numbers = new HashSet<>();
        Set<Long> counters = new HashSet<>();
        int total = 0;
        for (Future<List<Waybill>> f : results) {
          for (Waybill w : f.get(60, TimeUnit.SECONDS)) {
            total++;
            numbers.add(w.value());
            counters.add(codec.decode(w).orElseThrow());
          }
        }
        assertThat(total).isGreaterThanOrEqualTo(2 * threadsPerNode * perThread);
        assertThat(numbers).hasSize(total);
        assertThat(counters).hasSize(total);
        long leasedUpTo = nextValue(node1);
        assertThat(counters).allMatch(c -> c < leasedUpTo);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void restart_neverReissues(String kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    WaybillCodec codec = TestKeys.codec();
    Set<Long> before = new HashSet<>();
    try (Database db = Database.open(settings, "main", 2)) {
      WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource()));
      for (int i = 0; i < 10; i++) {
        before.add(codec.decode(issuer.next()).orElseThrow());
      }
      // The node dies here with 990 counters of its block unused.
    }
    try (Database db = Database.open(settings, "main", 2)) {
      WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource()));
      for (Waybill w : issuer.next(1_500)) {
        long c = codec.decode(w).orElseThrow();
        assertThat(c).isGreaterThanOrEqualTo(1_000);
        assertThat(before).doesNotContain(c);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void lease_atTheEndOfTheCounterSpace_isShortThenExhausted(String kind) throws Exception {
    try (Database db = Database.open(TestDatabases.fresh(kind), "main", 2)) {
      try (Connection c = db.connection();
          PreparedStatement s = c.prepareStatement("UPDATE waybill_counter SET next_value = ? WHERE id = 1")) {
        s.setLong(1, LIMIT - 10);
        s.executeUpdate();
      }
      CounterLeases leases = new CounterLeases(db.dataSource());

      assertThat(leases.lease()).isEqualTo(new CounterBlock(LIMIT - 10, LIMIT));
      assertThatThrownBy(leases::lease).isInstanceOf(IllegalStateException.class).hasMessageContaining("exhausted");
      assertThat(nextValue(db)).isEqualTo(LIMIT + 990);
    }
  }

  @Test
  void constructor_badBlockSize_fails() {
    try (Database db = Database.open(TestDatabases.freshPostgres(), "main", 2)) {
      assertThatThrownBy(() -> new CounterLeases(db.dataSource(), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("0");
      assertThat(new CounterLeases(db.dataSource(), 5)).hasToString("CounterLeases[blockSize=5]");
    }
  }

  private static long nextValue(Database db) throws Exception {
    try (Connection c = db.connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT next_value FROM waybill_counter WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

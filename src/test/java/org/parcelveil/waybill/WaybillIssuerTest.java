package org.parcelveil.waybill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parcelveil.store.Database;
import org.parcelveil.store.TestDatabases;

class WaybillIssuerTest {
  private final WaybillCodec codec = TestKeys.codec();
  private Database db;

  private long nextValue() throws Exception {
    try (var c = db.connection();
        var rs = c.createStatement().executeQuery("SELECT next_value FROM waybill_counter WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @BeforeEach
  void open() {
    db = Database.open(TestDatabases.freshPostgres(), "main", 2);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void next_batchSpanningBlocks_usesEveryCounterOnce() {
    WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource(), 7));

    List<Waybill> batch = issuer.next(20);
    Waybill single = issuer.next();

    assertThat(batch).hasSize(20);
    assertThat(batch.stream().map(w -> codec.decode(w).orElseThrow()).collect(Collectors.toList()))
        .containsExactlyElementsOf(LongStream.range(0, 20).boxed().collect(Collectors.toList()));
    assertThat(codec.decode(single)).hasValue(20);
  }

  @Test
  void next_zero_isEmpty_andNegativeFails() {
    WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource()));

    assertThat(issuer.next(0)).isEmpty();
    assertThatThrownBy(() -> issuer.next(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void next_fromManyThreads_handsOutEachCounterOnceWithoutGaps() throws Exception {
    WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource(), 10));
    Set<Long> counters = ConcurrentHashMap.newKeySet();
    int threads = 4;
    int perThread = 1_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; ) {
            List<Waybill> got = id == 0 ? issuer.next(3) : List.of(issuer.next());
            for (Waybill w : got) {
              assertThat(counters.add(codec.decode(w).orElseThrow())).isTrue();
            }
            i += got.size();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // One issuer, no crash: every leased block is used up before the next, so the counters are dense.
    Set<Long> sorted = new TreeSet<>(counters);
    assertThat(sorted).containsExactlyElementsOf(
        LongStream.range(0, counters.size()).boxed().collect(Collectors.toList()));
  }

  @Test
  void next_pastHalfABlock_leasesTheNextBlockAhead() throws Exception {
    WaybillIssuer issuer = new WaybillIssuer(codec, new CounterLeases(db.dataSource(), 100));

    issuer.next(50);
    assertThat(nextValue()).isEqualTo(100);
    issuer.next();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (nextValue() < 200 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(nextValue()).isEqualTo(200);
    assertThat(issuer.next(100)).extracting(w -> codec.decode(w).orElseThrow())
        .containsExactlyElementsOf(LongStream.range(51, 151).boxed().collect(Collectors.toList()));
  }

  @Test
  void toString_namesPrefixAndBlockSize() {
    assertThat(new WaybillIssuer(codec, new CounterLeases(db.dataSource(), 9)))
        .hasToString("WaybillIssuer[PV, CounterLeases[blockSize=9]]");
  }
}

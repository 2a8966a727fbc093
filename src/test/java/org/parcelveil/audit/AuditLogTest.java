package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.store.Database;

/** Appends: committed before they return, gap-free under concurrency, failing closed when the database is gone. */
class AuditLogTest {

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void append_isCommittedBeforeItReturns(String kind) throws Exception {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      AuditReceipt receipt = fx.module.log().append(AuditFixture.reveal(3));
      assertThat(receipt.index()).isZero();
      // A separate pool sees it at once: the append's transaction committed before append returned.
      try (Database other = Database.open(fx.settings, "main", 2); Connection c = other.connection();
          ResultSet rs = c.createStatement().executeQuery(
              "SELECT principal_id, outcome, reason, at_us FROM audit_entries WHERE idx = 0")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("pr_3");
        assertThat(rs.getString(2)).isEqualTo("refused");
        assertThat(rs.getString(3)).isEqualTo("not_assigned");
        assertThat(rs.getLong(4)).isEqualTo(EntryCodec.micros(receipt.time()));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void concurrentAppends_getDistinctGapFreeIndexes_andVerify(String kind) throws Exception {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      int threads = 16;
      int each = 40;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      ConcurrentLinkedQueue<Long> indexes = new ConcurrentLinkedQueue<>();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        done.add(pool.submit(() -> fx.append(base, each).forEach(r -> indexes.add(r.index()))));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      Set<Long> distinct = new HashSet<>(indexes);
      assertThat(distinct).hasSize(threads * each);
      assertThat(distinct.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * each - 1);
      fx.publish();
      AuditReport report = fx.verifier().verify(null);
      assertThat(report.ok()).as(String.join("; ", report.messages())).isTrue();
      assertThat(report.treeSize()).isEqualTo(threads * each);
      assertThat(report.checkpointSize()).isEqualTo(threads * each);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void append_withDatabaseGone_failsClosed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      fx.append(0, 2);
      fx.db.close();
      assertThatThrownBy(() -> fx.module.log().append(AuditFixture.reveal(2)))
          .isInstanceOf(AuditUnavailableException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void append_recordBreakingTheRules_isRefusedAsUnavailable(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      assertThatThrownBy(() -> fx.module.log().append(AuditRecord.admin("x", "p\u0000", "admin", null)))
          .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("principalId");
      assertThat(fx.module.log().append(AuditRecord.admin("key.rotate", "pr_1", "admin", "audit-signing")).index())
          .isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void append_afterClose_failsClosed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      fx.module.close();
      assertThatThrownBy(() -> fx.module.log().append(AuditFixture.reveal(0)))
          .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("closed");
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void appendIf_appendsWhatTheConditionPicks_andItsWritesCommitWithTheEntry(String kind) throws Exception {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      AuditRecord allowed = AuditFixture.reveal(1);
      AuditRecord refused = AuditFixture.reveal(3);
      AuditLog.Conditional yes = fx.module.log().appendIf(allowed, c -> mark(c, "yes") && true, refused);
      AuditLog.Conditional no = fx.module.log().appendIf(allowed, c -> mark(c, "no") && false, refused);
      assertThat(yes.held()).isTrue();
      assertThat(no.held()).isFalse();
      assertThat(outcome(fx, yes.receipt().index())).isEqualTo("allowed");
      assertThat(outcome(fx, no.receipt().index())).isEqualTo("refused");
      assertThat(marks(fx)).containsExactlyInAnyOrder("yes", "no");
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void appendIf_conditionThatFails_failsItsOwnCallerOnly_andWritesNothing(String kind) throws Exception {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      AuditLog log = fx.module.log();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        // The first append holds the writer inside its condition while three more queue up behind it, so those
        // three are drained as one batch: a good one, one whose condition fails in the database, a good one.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Future<AuditLog.Conditional> first = pool.submit(() -> log.appendIf(AuditFixture.reveal(1), c -> {
          try {
            return release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new java.sql.SQLException(e);
          }
        }, AuditFixture.reveal(3)));
        Future<AuditLog.Conditional> good1 = pool.submit(() -> log.appendIf(AuditFixture.reveal(4),
            c -> mark(c, "good1"), AuditFixture.reveal(3)));
        Future<AuditLog.Conditional> bad = pool.submit(() -> log.appendIf(AuditFixture.reveal(7), c -> {
          mark(c, "bad");
          c.createStatement().execute("SELECT no_such_column FROM disclosure_budget");
          return true;
        }, AuditFixture.reveal(3)));
        Future<AuditLog.Conditional> good2 = pool.submit(() -> log.appendIf(AuditFixture.reveal(10),
            c -> mark(c, "good2"), AuditFixture.reveal(3)));
        Thread.sleep(300);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).held()).isTrue();
        assertThat(good1.get(10, TimeUnit.SECONDS).held()).isTrue();
        assertThat(good2.get(10, TimeUnit.SECONDS).held()).isTrue();
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AuditUnavailableException.class);
      } finally {
        pool.shutdownNow();
      }
      assertThat(marks(fx)).containsExactlyInAnyOrder("good1", "good2");
      assertThat(fx.verifier().verify(null).treeSize()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void appendIf_callerThatGaveUpBeforeTheWriterTookIt_isNeitherLoggedNorSpent(String kind) throws Exception {
    try (AuditFixture fx = AuditFixture.open(kind);
        GroupCommitLog log = new GroupCommitLog(fx.db.dataSource(), java.time.Clock.systemUTC(),
            java.time.Duration.ofMillis(300), 100)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        // The first condition keeps the writer busy for a second; the second caller waits 300 ms, then gives up.
        Future<?> first = pool.submit(() -> log.appendIf(AuditFixture.reveal(1), c -> {
          try {
            Thread.sleep(1_000);
          } catch (InterruptedException e) {
            throw new java.sql.SQLException(e);
          }
          return mark(c, "first");
        }, AuditFixture.reveal(3)));
        Thread.sleep(100);
        assertThatThrownBy(() -> log.appendIf(AuditFixture.reveal(4), c -> mark(c, "second"), AuditFixture.reveal(3)))
            .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("not committed within");
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(AuditUnavailableException.class);
        Thread.sleep(1_500);
      } finally {
        pool.shutdownNow();
      }
      // The first was already in a batch and committed late (the log may record more than was answered, never
      // less); the second was skipped: no entry, no spend.
      assertThat(marks(fx)).containsExactly("first");
      assertThat(fx.verifier().verify(null).treeSize()).isEqualTo(1);
    }
  }

  /**
   * Two nodes whose batches lock the same two rows in opposite orders: node one's conditions lock x then y, node
   * two's y then x, each holding its first lock a while. Run side by side, the writers would deadlock; the sequencer
   * lock, taken before any condition runs, makes them take turns instead.
   */
  @org.junit.jupiter.api.Test
  void twoNodesWhoseConditionsLockRowsInOppositeOrders_takeTurnsWithoutDeadlock() throws Exception {
    try (AuditFixture fx = AuditFixture.open("postgres");
        Database secondPool = Database.open(fx.settings, "main", 8);
        AuditModule second = fx.secondNode(secondPool)) {
      mark(fx.db, "x");
      mark(fx.db, "y");
      GroupCommitLog one = (GroupCommitLog) fx.module.log();
      GroupCommitLog two = (GroupCommitLog) second.log();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Future<AuditLog.Conditional>> appends = new ArrayList<>();
        // Each writer first takes a condition that waits, so that the two locking conditions queue behind it and
        // are drained together as one batch per node.
        for (GroupCommitLog node : List.of(one, two)) {
          appends.add(pool.submit(() -> node.appendIf(AuditFixture.reveal(1), c -> awaitQuietly(release),
              AuditFixture.reveal(3))));
        }
        Thread.sleep(200);
        appends.add(pool.submit(() -> one.appendIf(AuditFixture.reveal(4), c -> lockAndHold(c, "x"), AuditFixture.reveal(3))));
        appends.add(pool.submit(() -> two.appendIf(AuditFixture.reveal(4), c -> lockAndHold(c, "y"), AuditFixture.reveal(3))));
        Thread.sleep(200);
        appends.add(pool.submit(() -> one.appendIf(AuditFixture.reveal(7), c -> lockAndHold(c, "y"), AuditFixture.reveal(3))));
        appends.add(pool.submit(() -> two.appendIf(AuditFixture.reveal(7), c -> lockAndHold(c, "x"), AuditFixture.reveal(3))));
        Thread.sleep(200);
        release.countDown();
        for (Future<AuditLog.Conditional> f : appends) {
          assertThat(f.get(30, TimeUnit.SECONDS).held()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(one.retries() + two.retries()).as("batches retried after a deadlock").isZero();
      assertThat(fx.verifier().verify(null).treeSize()).isEqualTo(6);
    }
  }

  private static boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) throws java.sql.SQLException {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new java.sql.SQLException(e);
    }
  }

  /** Locks the counter row {@code name} and keeps the writer busy a while, so another writer can overlap it. */
  private static boolean lockAndHold(Connection c, String name) throws java.sql.SQLException {
    try (var ps = c.prepareStatement("UPDATE disclosure_budget SET used = used + 1 WHERE principal_id = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      throw new java.sql.SQLException(e);
    }
    return true;
  }

  private static void mark(Database db, String name) throws java.sql.SQLException {
    try (Connection c = db.connection()) {
      mark(c, name);
    }
  }

  /** A write of a condition's own: a counter row named {@code name}. */
  private static boolean mark(Connection c, String name) throws java.sql.SQLException {
    try (var ps = c.prepareStatement(
        "INSERT INTO disclosure_budget (principal_id, budget_day, scope, used) VALUES (?, DATE '2026-01-01', '*', 1)")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
    return true;
  }

  private static List<String> marks(AuditFixture fx) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = fx.db.connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT principal_id FROM disclosure_budget")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String outcome(AuditFixture fx, long index) throws Exception {
    try (Connection c = fx.db.connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT outcome FROM audit_entries WHERE idx = " + index)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  /** Two nodes, each with its own pool and writer, on one PostgreSQL: the head-row lock is the only sequencer. */
  @org.junit.jupiter.api.Test
  void twoNodesOnOnePostgres_shareOneGapFreeSequence() throws Exception {
    try (AuditFixture fx = AuditFixture.open("postgres");
        Database secondPool = Database.open(fx.settings, "main", 8);
        AuditModule second = fx.secondNode(secondPool)) {
      int threads = 16;
      int each = 60;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      ConcurrentLinkedQueue<Long> indexes = new ConcurrentLinkedQueue<>();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AuditLog node = t % 2 == 0 ? fx.module.log() : second.log();
        int base = t * each;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            indexes.add(node.append(AuditFixture.reveal(base + i)).index());
            if (i == each / 2 && base == 0) {
              second.publisher().publishNow();
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(new HashSet<>(indexes)).hasSize(threads * each);
      assertThat(indexes.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * each - 1);
      fx.publish();
      AuditReport report = fx.verifier().verify(second.publisher().latest().orElseThrow());
      assertThat(report.ok()).as(String.join("; ", report.messages())).isTrue();
      assertThat(report.treeSize()).isEqualTo(threads * each);
    }
  }
}

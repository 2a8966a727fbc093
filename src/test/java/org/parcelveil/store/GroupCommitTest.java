package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes that arrive together commit together, each caller is answered after the commit that holds its write, and a
 * write the database refuses fails alone, on PostgreSQL.
 */
class GroupCommitTest {
  static Database db;

  @BeforeAll
  static void open() {
    db = Database.open(TestDatabases.freshPostgres(), "main", 8);
    Sql.over(db.dataSource()).useHandle("create",
        h -> h.execute("CREATE TABLE group_test (k VARCHAR(8) PRIMARY KEY)"));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** A group work that inserts its keys in one batch, holding its first groups until {@code release} opens. */
  private static GroupCommit.GroupWork<String, Integer> inserts(CountDownLatch release, List<Integer> sizes) {
    return (c, keys) -> {
      sizes.add(keys.size());
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO group_test (k) VALUES (?)")) {
        for (String k : keys) {
          st.setString(1, k);
          st.addBatch();
        }
        st.executeBatch();
      }
      return Collections.nCopies(keys.size(), 1);
    };
  }

  private static Integer insertAlone(String k) {
    return Sql.over(db.dataSource()).withConnection("could not insert", c -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO group_test (k) VALUES (?)")) {
        st.setString(1, k);
        return st.executeUpdate();
      }
    });
  }

  @Test
  void writesThatWaitTogether_commitInOneGroup_andEachIsStoredWhenAnswered() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommit<String, Integer> group = new GroupCommit<>("group test", db.dataSource(),
        inserts(release, sizes), GroupCommitTest::insertAlone, 2, 64, Duration.ofSeconds(20))) {
      ExecutorService pool = Executors.newFixedThreadPool(20);
      AtomicInteger submitted = new AtomicInteger();
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String key = "a" + i;
        answers.add(pool.submit(() -> {
          submitted.incrementAndGet();
          group.write(key);
          return stored(key);
        }));
      }
      while (submitted.get() < 20) {
        Thread.sleep(10);
      }
      Thread.sleep(300);
      release.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).as("stored when answered").isTrue();
      }
      pool.shutdown();
      assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
      assertThat(sizes).as("groups").hasSizeLessThanOrEqualTo(4);
    }
  }

  @Test
  void aWriteTheDatabaseRefuses_failsAlone_andTheRestOfItsGroupIsStored() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommit<String, Integer> group = new GroupCommit<>("group test", db.dataSource(),
        inserts(release, sizes), GroupCommitTest::insertAlone, 1, 64, Duration.ofSeconds(20))) {
      ExecutorService pool = Executors.newFixedThreadPool(10);
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        // The fifth key is longer than the column allows: the database refuses it, and with it its whole group.
        String key = i == 4 ? "much-too-long" : "b" + i;
        answers.add(pool.submit(() -> {
          try {
            group.write(key);
            return "stored";
          } catch (StoreException e) {
            return e.valueRefused() ? "refused" : "unavailable";
          }
        }));
      }
      Thread.sleep(300);
      release.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> answer : answers) {
        outcomes.add(answer.get());
      }
      pool.shutdown();
      assertThat(outcomes).containsOnly("stored", "refused");
      assertThat(outcomes.get(4)).isEqualTo("refused");
      assertThat(sizes).as("grouped").anyMatch(n -> n > 1);
      for (int i = 0; i < 10; i++) {
        assertThat(stored("b" + i)).isEqualTo(i != 4);
      }
    }
  }

  @Test
  void aGroupThatBreaksHalfWay_commitsNothing_andItsCallerIsToldTheWriteIsUnconfirmed() throws Exception {
    GroupCommit.GroupWork<String, Integer> breaksAfterInserting = (c, keys) -> {
      try (PreparedStatement st = c.prepareStatement("INSERT INTO group_test (k) VALUES (?)")) {
        st.setString(1, keys.get(0));
        st.executeUpdate();
      }
      throw new IllegalStateException("a defect in the group's work");
    };
    try (GroupCommit<String, Integer> group = new GroupCommit<>("group test", db.dataSource(), breaksAfterInserting,
        GroupCommitTest::insertAlone, 1, 64, Duration.ofSeconds(20))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> group.write("c1"))
          .isInstanceOf(StoreException.class);
    }
    assertThat(stored("c1")).isFalse();
  }

  @Test
  void aWriteTakenIntoAGroup_isAnsweredByThatGroup_evenPastTheCallersWait() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    GroupCommit.GroupWork<String, Integer> slow = (c, keys) -> {
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return inserts(new CountDownLatch(0), sizes).run(c, keys);
    };
    try (GroupCommit<String, Integer> group = new GroupCommit<>("group test", db.dataSource(), slow,
        GroupCommitTest::insertAlone, 1, 64, Duration.ofMillis(200))) {
      // Committed after the caller's 200 ms: the caller must hear that it was stored, not that it is unconfirmed.
      assertThat(group.write("d1")).isEqualTo(1);
    }
    assertThat(stored("d1")).isTrue();
  }

  @Test
  void close_waitsForTheGroupBeingWritten_soItsWriteIsAnsweredAsStored() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    GroupCommit<String, Integer> group = new GroupCommit<>("group test", db.dataSource(), inserts(release, sizes),
        GroupCommitTest::insertAlone, 1, 64, Duration.ofSeconds(20));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> inFlight = pool.submit(() -> group.write("e1"));
      while (sizes.isEmpty()) {
        Thread.sleep(5);
      }
      // The group is inside its transaction; close() must not return (and let the pool shut) before it commits.
      Future<?> closing = pool.submit(group::close);
      Thread.sleep(200);
      assertThat(closing.isDone()).isFalse();
      release.countDown();
      closing.get(10, TimeUnit.SECONDS);
      assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(stored("e1")).isTrue();
      assertThatThrownBy(() -> group.write("e2")).isInstanceOf(StoreException.class);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static boolean stored(String key) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement st = c.prepareStatement("SELECT 1 FROM group_test WHERE k = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }
}

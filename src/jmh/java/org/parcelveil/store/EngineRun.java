package org.parcelveil.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One engine's measurements, run by {@link EngineComparison} in a JVM of its own so that start-up includes loading
 * the engine's classes and native code, and memory is the engine's alone. Prints one {@code ENGINE-RESULT} line of
 * JSON. Modes: {@code start ENGINE DIR} (time to the first query), {@code commits ENGINE DIR N} (N single-row commits,
 * for counting sync calls under strace), {@code run ENGINE DIR_A DIR_B DIR_C SECONDS} (everything else: rates, memory
 * and listeners on A, growth on B, erasure on C, each directory new).
 */
public final class EngineRun {
  static final String RESULT = "ENGINE-RESULT ";
  static final int THREADS = 16;
  static final int BATCH = 200;
  static final int GROWTH_ROWS = 1_000;
  static final int GROWTH_UPDATES = 20_000;
  static final int GROWTH_THREADS = 4;
  static final int ERASURE_ROWS = 1_000;
  static final int ERASED = 100;

  private final Map<String, Object> out = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    EngineRun run = new EngineRun();
    switch (args[0]) {
      case "start" -> run.start(args[1], Path.of(args[2]));
      case "commits" -> run.commits(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
      case "run" -> run.all(args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), Integer.parseInt(args[5]));
      default -> throw new IllegalArgumentException("mode: start, commits or run");
    }
    System.out.println(RESULT + new ObjectMapper().writeValueAsString(run.out));
    System.exit(0);
  }

  /** From nothing (this JVM has not loaded the engine) to the answer of the first query, then a clean stop. */
  void start(String name, Path dir) throws SQLException {
    long t0 = System.nanoTime();
    Engine e = Engine.open(name, dir);
    try (Connection c = e.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      out.put("firstQueryMs", (System.nanoTime() - t0) / 1e6);
    }
    long t1 = System.nanoTime();
    e.close();
    out.put("stopMs", (System.nanoTime() - t1) / 1e6);
    if (e instanceof PostgresEngine) {
      // Every start reads the binaries' archive from the class path and hashes it before using the unpacked copy.
      long t2 = System.nanoTime();
      PostgresBinaries.install();
      out.put("binariesCheckMs", (System.nanoTime() - t2) / 1e6);
    }
  }

  void commits(String name, Path dir, int n) throws SQLException {
    try (Engine e = Engine.open(name, dir); Connection c = e.connect()) {
      createWide(e, c, "wide_row");
      try (PreparedStatement ps = c.prepareStatement(WideRows.insert("wide_row"))) {
        SplittableRandom r = new SplittableRandom();
        for (int i = 0; i < n; i++) {
          WideRows.bind(ps, r, WideRows.key(r), null);
          ps.executeUpdate();
        }
      }
    }
    out.put("commits", n);
  }

  void all(String name, Path dirA, Path dirB, Path dirC, int seconds) throws Exception {
    long self = ProcessHandle.current().pid();
    long rss0 = ProcessFacts.rssKib(self);
    long heap0 = liveHeapKib();
    try (Engine e = Engine.open(name, dirA)) {
      List<Connection> conns = new ArrayList<>();
      try {
        for (int i = 0; i < THREADS; i++) {
          conns.add(e.connect());
        }
        createWide(e, conns.get(0), "wide_row");
        List<Long> pids = new ArrayList<>(e.serverPids());
        pids.add(self);
        out.put("listeners", ProcessFacts.listeners(pids));
        out.put("durability", e.durability(conns.get(0)));
        out.put("single1", rate(conns.subList(0, 1), seconds, EngineRun::insertOne));
        out.put("single16", rate(conns, seconds, EngineRun::insertOne));
        out.put("batch200", rate(conns.subList(0, 1), seconds, EngineRun::insertBatch));
        out.put("jvmRssAddedKib", ProcessFacts.rssKib(self) - rss0);
        out.put("liveHeapAddedKib", liveHeapKib() - heap0);
        List<Long> server = e.serverPids();
        out.put("serverProcesses", server.size());
        out.put("serverRssKib", server.stream().mapToLong(ProcessFacts::rssKib).sum());
        out.put("serverPssKib", server.stream().mapToLong(ProcessFacts::pssKib).sum());
      } finally {
        for (Connection c : conns) {
          c.close();
        }
      }
    }
    out.put("fileModes", modes(dirA));
    try (Engine b = Engine.open(name, dirB)) {
      growth(b, dirB);
    }
    erasure(name, dirC);
  }

  interface Op {
    /** Does one unit of work on {@code c} and returns the rows it committed. */
    int run(Connection c, PreparedStatement ps, SplittableRandom r) throws SQLException;
  }

  static int insertOne(Connection c, PreparedStatement ps, SplittableRandom r) throws SQLException {
    WideRows.bind(ps, r, WideRows.key(r), null);
    ps.executeUpdate();
    return 1;
  }

  static int insertBatch(Connection c, PreparedStatement ps, SplittableRandom r) throws SQLException {
    c.setAutoCommit(false);
    try {
      for (int i = 0; i < BATCH; i++) {
        WideRows.bind(ps, r, WideRows.key(r), null);
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    return BATCH;
  }

  /** Rows per second from one thread per connection: 1 s of warm-up, then {@code seconds} counted. */
  static double rate(List<Connection> conns, int seconds, Op op) throws Exception {
    long start = System.nanoTime() + 1_000_000_000L;
    long end = start + seconds * 1_000_000_000L;
    AtomicLong rows = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(conns.size());
    try {
      List<Future<?>> work = new ArrayList<>();
      for (Connection c : conns) {
        work.add(pool.submit(() -> {
          SplittableRandom r = new SplittableRandom();
          try (PreparedStatement ps = c.prepareStatement(WideRows.insert("wide_row"))) {
            while (true) {
              long before = System.nanoTime();
              if (before >= end) {
                return null;
              }
              int n = op.run(c, ps, r);
              if (before >= start) {
                rows.addAndGet(n);
              }
            }
          }
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return rows.get() / (double) seconds;
  }

  /** 1,000 rows, then 20,000 single-row commits that rewrite a random row's personal columns, from 4 threads. */
  void growth(Engine e, Path dir) throws Exception {
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> steps = new ArrayList<>();
    // Held open throughout, as the service's pool holds its connections: SQLite deletes its log when the last
    // connection that has read the database closes.
    try (Connection held = e.connect()) {
      createWide(e, held, "growth_row");
      insertRows(held, "growth_row", GROWTH_ROWS, ids, null, new HashSet<>());
      steps.add(sizes(dir, 0, 0));
      int step = GROWTH_UPDATES / 4;
      long t0 = System.nanoTime();
      for (int done = step; done <= GROWTH_UPDATES; done += step) {
        updates(e, ids, step);
        steps.add(sizes(dir, done, (System.nanoTime() - t0) / 1e9));
      }
    }
    out.put("growth", steps);
  }

  private static void updates(Engine e, List<String> ids, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(GROWTH_THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < GROWTH_THREADS; t++) {
        work.add(pool.submit(() -> {
          SplittableRandom r = new SplittableRandom();
          try (Connection c = e.connect(); PreparedStatement ps = c.prepareStatement(WideRows.update("growth_row"))) {
            for (int i = 0; i < count / GROWTH_THREADS; i++) {
              WideRows.bindUpdate(ps, r, ids.get(r.nextInt(ids.size())));
              ps.executeUpdate();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Inserts 1,000 marked rows, erases 100, cleans up, and searches the files at each stage. */
  void erasure(String name, Path dir) throws Exception {
    Map<String, Object> stages = new LinkedHashMap<>();
    try (Engine e = Engine.open(name, dir); Connection held = e.connect()) {
      // Held open, having used the database, as the service's pool holds its connections: SQLite checkpoints and
      // deletes its log when the last connection that has read the database closes, which a running service never
      // does.
      createWide(e, held, "erase_row");
      eraseAndClean(e, name, dir, stages);
    }
    stages.put("after a clean stop", scan(dir, erased, live));
    if (name.equals("h2")) {
      H2Engine h2 = H2Engine.open(dir);
      try (Connection c = h2.connect()) {
        long t0 = System.nanoTime();
        h2.shutdownCompact(c);
        out.put("compactMs", (System.nanoTime() - t0) / 1e6);
      }
      stages.put("after SHUTDOWN COMPACT", scan(dir, erased, live));
      // SHUTDOWN COMPACT copies the live data into a new, LZF-compressed file, where the search cannot read the
      // markers at all (the control shows it). The same copy uncompressed lets the search check what it kept.
      h2.compactUncompressed();
      stages.put("after the same copy uncompressed", scan(dir, erased, live));
    }
    out.put("erasure", stages);
  }

  private Set<String> erased = Set.of();
  private Set<String> live = Set.of();

  private void eraseAndClean(Engine e, String name, Path dir, Map<String, Object> stages) throws Exception {
    List<String> ids = new ArrayList<>();
    Set<String> markers = new HashSet<>();
    Map<String, String> markerOf = new LinkedHashMap<>();
    try (Connection c = e.connect()) {
      if (name.equals("postgres")) {
        // As the service's schema does (V55): no planner samples of personal columns in pg_statistic.
        try (Statement s = c.createStatement()) {
          for (String col : WideRows.MARKED) {
            s.execute("ALTER TABLE erase_row ALTER COLUMN " + col + " SET STATISTICS 0");
          }
        }
      }
      insertRows(c, "erase_row", ERASURE_ROWS, ids, markerOf, markers);
    }
    List<String> shuffled = new ArrayList<>(ids);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    erased = new TreeSet<>();
    try (Connection c = e.connect(); PreparedStatement ps = c.prepareStatement(WideRows.erase("erase_row"))) {
      for (String id : shuffled.subList(0, ERASED)) {
        ps.setString(1, id);
        ps.executeUpdate();
        erased.add(markerOf.get(id));
      }
    }
    live = new HashSet<>(markers);
    live.removeAll(erased);
    stages.put("after the erasing updates", scan(dir, erased, live));
    try (Connection c = e.connect()) {
      long t0 = System.nanoTime();
      String how = e.onlineCleanup(c, "erase_row");
      out.put("cleanup", how);
      out.put("cleanupMs", (System.nanoTime() - t0) / 1e6);
    }
    stages.put("after the online cleanup", scan(dir, erased, live));
  }

  private static Map<String, Object> scan(Path dir, Set<String> erased, Set<String> live) throws IOException {
    MarkerScan.Result r = MarkerScan.scan(dir, erased, live);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("erasedFound", r.erasedFound());
    m.put("liveFound", r.liveFound());
    m.put("liveTotal", live.size());
    m.put("where", r.erasedByFile());
    return m;
  }

  /** Inserts {@code n} rows, 100 per commit; with {@code markerOf}, each row gets a marker of its own. */
  private static void insertRows(Connection c, String table, int n, List<String> ids, Map<String, String> markerOf,
      Set<String> markers) throws SQLException {
    SplittableRandom r = new SplittableRandom();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(WideRows.insert(table))) {
      for (int i = 0; i < n; i++) {
        String id = WideRows.key(r);
        String marker = markerOf == null ? null : WideRows.marker(r);
        WideRows.bind(ps, r, id, marker);
        ps.addBatch();
        ids.add(id);
        if (marker != null) {
          markerOf.put(id, marker);
          markers.add(marker);
        }
        if (i % 100 == 99) {
          ps.executeBatch();
          c.commit();
        }
      }
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void createWide(Engine e, Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(WideRows.createTable(e, table));
      s.execute(WideRows.createIndex(table));
    }
  }

  /** Bytes of the whole directory, and of its write-ahead log ({@code pg_wal/}, SQLite's {@code -wal}) apart. */
  private static Map<String, Object> sizes(Path dir, int updates, double seconds) throws IOException {
    long total = 0;
    long log = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        long size;
        try {
          size = Files.size(p);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue;
        }
        total += size;
        String rel = dir.relativize(p).toString();
        if (rel.contains("pg_wal/") || rel.endsWith("-wal")) {
          log += size;
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("updates", updates);
    m.put("seconds", seconds);
    m.put("totalBytes", total);
    m.put("logBytes", log);
    return m;
  }

  /** The widest mode of any file in {@code dir}, and the directory's own. */
  private static Map<String, String> modes(Path dir) throws IOException {
    Set<String> fileModes = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        try {
          fileModes.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        } catch (java.nio.file.NoSuchFileException gone) {
          // removed while we looked
        }
      }
    }
    return Map.of("directory", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
        "files", String.join(", ", fileModes));
  }

  private static long liveHeapKib() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 10;
  }
}

package org.parcelveil.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.bench.Machine;
import org.parcelveil.tracking.ResultsSection;

/**
 * Adding a Citus worker under load: {@code bench/citus-add-worker [seconds before] [seconds after] [clients]}.
 *
 * <p>The test cluster (a coordinator and two workers, {@link CitusCluster}) and two service nodes, one connected to
 * the coordinator and one to a worker. Clients run whole parcels through them (create, picked up, out for delivery,
 * a reveal) and retry only a 503 or a lost connection (a create with its idempotency key, so a retry never makes a
 * second parcel). While they run, a third node is added ({@code citus_add_node}) and the shards are moved to it
 * ({@code citus_rebalance_start}, logical replication). Afterwards every acknowledged parcel is read back with at
 * least its acknowledged events, every acknowledged reveal has its audit entry, and the audit log verifies.
 * Writes docs/benchmarks/citus.md (section add-worker).
 */
public final class CitusAddWorker {
  private static final int TRIES = 40;

  private final List<TestService> nodes;
  private final String merchant;
  private final String origin;
  private final String desk;
  private final String courier;
  private final String courierId;
  private final AtomicBoolean stop = new AtomicBoolean();
  /** The phase the load is in: before, during (add and rebalance), after. */
  private final AtomicReference<String> phase = new AtomicReference<>("before");
  private final Map<String, AtomicLong> parcels = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> retried = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private final List<String> failureSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Integer> ackedEvents = new ConcurrentHashMap<>();
  private final Set<String> ackedParcels = ConcurrentHashMap.newKeySet();
  private final Map<Long, String> ackedReveals = new ConcurrentHashMap<>();
  private final AtomicLong keys = new AtomicLong();

  private CitusAddWorker(List<TestService> nodes, String merchant, String origin, String desk, String courier,
      String courierId) {
    this.nodes = nodes;
    this.merchant = merchant;
    this.origin = origin;
    this.desk = desk;
    this.courier = courier;
    this.courierId = courierId;
  }

  public static void main(String[] args) throws Exception {
    int before = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int after = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    StringBuilder report = new StringBuilder();
    boolean ok;
    try {
      ok = run(before, after, clients, report);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(2);
      return;
    }
    System.out.println(report);
    ResultsSection.write(Path.of("docs/benchmarks/citus.md"), "add-worker", report.toString());
    System.exit(ok ? 0 : 1);
  }

  static boolean run(int before, int after, int clients, StringBuilder report) throws Exception {
    String load0 = ResultsSection.loadAverage();
    try (TestService a = TestService.start("citus", s -> s.withDisclosure(
            new DisclosureLimits(Duration.ofHours(12), 100_000_000, 100_000_000, 20, 2)));
        TestService b = a.anotherNode(s -> s.withDatabase(TestDatabases.onCitusWorker(s.mainDatabase(), 0)))) {
      DatabaseSettings coord = a.pv.settings().mainDatabase();
      String database = coord.url().substring(coord.url().lastIndexOf('/') + 1);
      Fixtures.network(a);
      var courier = a.principal("courier", "Courier", "HZ-XH01");
      String security = a.principal("security", "Security", null).token();
      CitusAddWorker bench = new CitusAddWorker(List.of(a, b), a.principal("merchant", "Shop", null).token(),
          a.principal("station", "Binjiang", "HZ-BJ01").token(), a.principal("station", "Xihu", "HZ-XH01").token(),
          courier.token(), courier.principal().id());
      // The new machine is prepared before it joins, as an operator would (PostgreSQL, Citus, the database).
      int spare = CitusCluster.get().startSpareNode(database);

      ExecutorService pool = Executors.newFixedThreadPool(clients);
      for (int i = 0; i < clients; i++) {
        TestService node = bench.nodes.get(i % 2);
        pool.submit(() -> bench.drive(node));
      }
      long t0 = System.nanoTime();
      Thread.sleep(before * 1000L);
      long t1 = System.nanoTime();
      bench.phase.set("during");
      Map<String, Object> move = new LinkedHashMap<>();
      try (Connection c = DriverManager.getConnection(coord.url(), coord.user(), coord.password());
          Statement s = c.createStatement()) {
        long added0 = System.nanoTime();
        s.execute("SELECT citus_add_node('" + CitusCluster.host() + "', " + spare + ")");
        move.put("citus_add_node", ms(System.nanoTime() - added0));
        long rebalance0 = System.nanoTime();
        s.execute("SELECT citus_rebalance_start()");
        String state = "";
        while (true) {
          try (ResultSet rs = s.executeQuery("SELECT state FROM citus_rebalance_status() ORDER BY job_id DESC LIMIT 1")) {
            state = rs.next() ? rs.getString(1) : "none";
          }
          if (!state.equals("running") && !state.equals("scheduled")) {
            break;
          }
          Thread.sleep(250);
        }
        move.put("rebalance", ms(System.nanoTime() - rebalance0) + ", ended " + state);
        try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE nodeport = " + spare + "), count(*), "
            + "count(*) FILTER (WHERE nodeport = " + spare + " AND table_name::text = 'audit_entries') "
            + "FROM citus_shards WHERE citus_table_type = 'distributed'")) {
          rs.next();
          move.put("distributed shards on the new worker", rs.getLong(1) + " of " + rs.getLong(2)
              + (rs.getLong(3) > 0 ? " (the audit log's single shard among them)" : " (the audit log's single "
              + "shard stayed where it was)"));
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM citus_shards WHERE citus_table_type = 'reference' "
            + "AND nodeport = " + spare)) {
          rs.next();
          move.put("reference tables copied to the new worker", rs.getLong(1));
        }
      }
      long t2 = System.nanoTime();
      bench.phase.set("after");
      Thread.sleep(after * 1000L);
      bench.stop.set(true);
      pool.shutdown();
      pool.awaitTermination(120, TimeUnit.SECONDS);
      long t3 = System.nanoTime();

      // What was acknowledged is there, through either node.
      int missing = 0;
      int shortEvents = 0;
      int i = 0;
      for (String wb : bench.ackedParcels) {
        TestService node = bench.nodes.get(i++ % 2);
        TestService.Response r = node.get("/v1/shipments/" + wb, bench.merchant);
        if (r.status() != 200) {
          missing++;
        } else if (r.json().get("events").size() < bench.ackedEvents.getOrDefault(wb, 0)) {
          shortEvents++;
        }
      }
      Map<Long, JsonNode> entries = new TreeMap<>();
      long size = b.get("/v1/audit/entries?start=0&end=1", security).json().get("treeSize").asLong();
      for (long start = 0; start < size; start += 1000) {
        for (JsonNode e : b.get("/v1/audit/entries?start=" + start + "&end=" + (start + 1000), security).json()
            .get("entries")) {
          entries.put(e.get("index").asLong(), e);
        }
      }
      long lostReveals = bench.ackedReveals.entrySet().stream().filter(e -> {
        JsonNode entry = entries.get(e.getKey());
        return entry == null || !entry.get("waybill").asText().equals(e.getValue());
      }).count();
      a.pv.audit().publisher().publishNow();
      AuditReport audit = new AuditVerifier(a.pv.database().dataSource(), a.pv.audit().verifierKeys()).verify(null);
      long failed = bench.failures.values().stream().mapToLong(AtomicLong::get).sum();
      boolean ok = missing == 0 && shortEvents == 0 && lostReveals == 0 && audit.ok() && failed == 0;

      report.append(Machine.describe())
          .append("Load average (1 / 5 / 15 min) at the start: ").append(load0).append(", at the end: ")
          .append(ResultsSection.loadAverage()).append(".\n\n")
          .append("Cluster: a coordinator and two workers on this one machine (Debian's PostgreSQL 15, Citus 13.2.2, ")
          .append("fsync off, `citus.shard_count = 4`, `wal_level = logical`), two service nodes in one JVM (one on ")
          .append("the coordinator, one on the first worker), ").append(clients).append(" clients alternating between them; ")
          .append("each client runs whole parcels: create (with an idempotency key), picked up, out for delivery, ")
          .append("a reveal. A 503 or a lost connection is retried (up to ").append(TRIES)
          .append(" times, 100 ms apart); any other answer is a failure.\n\n");
      report.append("| phase | seconds | parcels completed | parcels/s | requests/s | retried 503s | failures |\n")
          .append("|---|---|---|---|---|---|---|\n");
      row(report, bench, "before", t1 - t0);
      row(report, bench, "during", t2 - t1);
      row(report, bench, "after", t3 - t2);
      report.append("\n");
      move.forEach((k, v) -> report.append("- ").append(k).append(": ").append(v).append("\n"));
      report.append("- acknowledged parcels: ").append(bench.ackedParcels.size()).append(", missing afterwards: ")
          .append(missing).append(", with fewer events than acknowledged: ").append(shortEvents).append("\n")
          .append("- acknowledged reveals: ").append(bench.ackedReveals.size())
          .append(", without their audit entry: ").append(lostReveals).append("\n")
          .append("- audit verify: ").append(audit.ok() ? "ok" : "FAILED " + audit.messages())
          .append(" (tree size ").append(audit.treeSize()).append(")\n");
      if (!bench.failureSamples.isEmpty()) {
        report.append("- failures (first few): ").append(bench.failureSamples).append("\n");
      }
      report.append("- result: ").append(ok ? "**pass**" : "**FAIL**").append("\n\n");
      return ok;
    }
  }

  private static void row(StringBuilder report, CitusAddWorker bench, String phase, long nanos) {
    double s = nanos / 1e9;
    long done = count(bench.parcels, phase);
    report.append(String.format("| %s | %.1f | %d | %.1f | %.1f | %d | %d |%n", phase, s, done, done / s,
        count(bench.requests, phase) / s, count(bench.retried, phase), count(bench.failures, phase)));
  }

  private static long count(Map<String, AtomicLong> m, String phase) {
    AtomicLong v = m.get(phase);
    return v == null ? 0 : v.get();
  }

  private static String ms(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }

  private void drive(TestService node) {
    while (!stop.get()) {
      try {
        parcel(node);
      } catch (RuntimeException e) {
        fail("exception " + e);
      }
    }
  }

  /** One parcel through its life; stops at the first step that fails. */
  private void parcel(TestService node) {
    String key = "add-worker-" + keys.incrementAndGet();
    TestService.Response created = call(node, () -> node.post("/v1/shipments", merchant,
        Fixtures.shipment("AW"), Map.of("Idempotency-Key", key)), 201, false);
    if (created == null) {
      return;
    }
    String wb = created.json().get("waybill").asText();
    ackedParcels.add(wb);
    if (event(node, wb, origin, Map.of("type", "PICKED_UP"))
        && event(node, wb, desk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId))) {
      TestService.Response revealed = call(node, () -> node.post("/v1/shipments/" + wb + "/reveal", courier,
          Map.of("party", "recipient", "purpose", "DELIVERY")), 200, false);
      if (revealed != null) {
        ackedReveals.put(revealed.json().get("auditIndex").asLong(), wb);
        parcels.computeIfAbsent(phase.get(), p -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  private boolean event(TestService node, String wb, String token, Map<String, Object> body) {
    // A retried event whose first try committed unseen is refused as a repeat (409): it is there.
    TestService.Response r = call(node, () -> node.post("/v1/shipments/" + wb + "/events", token, body), 201, true);
    if (r != null && r.status() == 201) {
      ackedEvents.merge(wb, 1, Integer::sum);
    }
    return r != null;
  }

  /** The answer once it is {@code expected}; retries 503s and lost connections; null (and a failure) otherwise. */
  private TestService.Response call(TestService node, java.util.function.Supplier<TestService.Response> request,
      int expected, boolean repeatIsDone) {
    boolean retriedOnce = false;
    for (int t = 0; t < TRIES; t++) {
      String p = phase.get();
      TestService.Response r;
      try {
        r = request.get();
      } catch (RuntimeException e) {
        retried.computeIfAbsent(p, x -> new AtomicLong()).incrementAndGet();
        retriedOnce = true;
        sleep(100);
        continue;
      }
      requests.computeIfAbsent(p, x -> new AtomicLong()).incrementAndGet();
      if (r.status() == expected) {
        return r;
      }
      if (r.status() == 503) {
        retried.computeIfAbsent(p, x -> new AtomicLong()).incrementAndGet();
        retriedOnce = true;
        sleep(100);
        continue;
      }
      if (repeatIsDone && retriedOnce && r.status() == 409) {
        return r;
      }
      fail(r.status() + " " + r.body());
      return null;
    }
    fail("still 503 after " + TRIES + " tries");
    return null;
  }

  private void fail(String what) {
    failures.computeIfAbsent(phase.get(), p -> new AtomicLong()).incrementAndGet();
    if (failureSamples.size() < 5) {
      failureSamples.add(phase.get() + ": " + (what.length() > 300 ? what.substring(0, 300) : what));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

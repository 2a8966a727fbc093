package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.parcelveil.app.Fixtures;
import org.parcelveil.cli.ServiceProcess;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

/**
 * kill -9 the service again and again while clients issue batches, scan and reveal, recording every
 * acknowledgement; after each restart, everything acknowledged is there exactly once, no number was issued twice,
 * every acknowledged reveal has its audit entry, and the log verifies, on the embedded store and on PostgreSQL. On the
 * embedded store every other round also kills its database server with -9, so that the restart runs PostgreSQL's
 * crash recovery. On Citus ({@code -Dpv.crash.kinds=citus}; not in the default run, the cluster needs Citus
 * installed) the service is connected to the coordinator in even rounds and to a worker in odd ones. Short by
 * default; set {@code -Dpv.crash.rounds=N} for the long form and {@code -Dpv.crash.kinds=embedded} (or
 * {@code postgres}, {@code citus}) for one store only.
 */
class CrashIT {
  static final int ROUNDS = Integer.getInteger("pv.crash.rounds", 2);

  final Set<String> ackedWaybills = ConcurrentHashMap.newKeySet();
  final List<String> allIssued = new CopyOnWriteArrayList<>();
  final Map<String, Integer> ackedEvents = new ConcurrentHashMap<>();
  /** Events posted, answered or not: a kill between commit and answer leaves an event nobody was told of. */
  final Map<String, Integer> postedEvents = new ConcurrentHashMap<>();
  final Map<Long, String> ackedReveals = new ConcurrentHashMap<>();
  /** How batches were answered (status, or -1: no answer), to tell a slow store from a failing one. */
  final Map<Integer, Integer> batchAnswers = new ConcurrentHashMap<>();

  static java.util.stream.Stream<String> kinds() {
    return java.util.Arrays.stream(System.getProperty("pv.crash.kinds", "embedded,postgres").split(","));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("kinds")
  void killNine_losesNothingAcknowledged_issuesNoNumberTwice_andTheLogVerifies(String kind, @TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    List<String> db = new ArrayList<>();
    List<String> onWorker = new ArrayList<>();
    if (kind.equals("postgres") || kind.equals("citus")) {
      DatabaseSettings pg = TestDatabases.fresh(kind);
      db = List.of("--db-url", pg.url(), "--db-user", pg.user());
      onWorker = db;
      if (kind.equals("citus")) {
        DatabaseSettings worker = TestDatabases.onCitusWorker(pg, 1);
        onWorker = List.of("--db-url", worker.url(), "--db-user", worker.user());
      }
    }
    Cast cast = null;
    Random random = new Random(7);
    for (int round = 0; round < ROUNDS; round++) {
      try (ServiceProcess p = start(data, round % 2 == 0 ? db : onWorker)) {
        ApiClient api = new ApiClient(p.awaitPort(Duration.ofSeconds(120)));
        if (cast == null) {
          cast = Cast.create(api, Files.readString(data.resolve("admin.token")).trim());
        }
        verifyAcknowledged(api, cast);
        List<String> deliverable = cast.prepareDeliveries(api, 6);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        Cast c = cast;
        clients.submit(() -> loop(stop, () -> batch(api, c)));
        clients.submit(() -> loop(stop, () -> batch(api, c)));
        clients.submit(() -> loop(stop, () -> reveal(api, c, deliverable)));
        clients.submit(() -> loop(stop, () -> scan(api, c)));
        // A batch of 200 commits across the workers on Citus: a longer window, so that some finish before the kill.
        Thread.sleep((kind.equals("citus") ? 8000 : 1500) + random.nextInt(2500));
        p.kill();
        if (kind.equals("embedded") && round % 2 == 1) {
          killDatabaseServer(data);
        }
        stop.set(true);
        clients.shutdown();
        clients.awaitTermination(60, TimeUnit.SECONDS);
      }
    }
    try (ServiceProcess p = start(data, db)) {
      ApiClient api = new ApiClient(p.awaitPort(Duration.ofSeconds(120)));
      verifyAcknowledged(api, cast);
    }
    assertThat(ackedWaybills).as("the harness acknowledged work; batches answered " + batchAnswers)
        .hasSizeGreaterThan(100);
    assertThat(ackedReveals).isNotEmpty();
    List<String> verify = new ArrayList<>(List.of("audit", "verify", "--data", data.toString()));
    verify.addAll(db);
    try (ServiceProcess v = ServiceProcess.start(Map.of(), verify.toArray(String[]::new))) {
      assertThat(v.awaitExit(Duration.ofSeconds(120))).as(String.join("\n", v.output())).isZero();
    }
  }

  /** kill -9 of the embedded store's server, which outlives the service it was started by. */
  static void killDatabaseServer(Path data) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("pgdata/postmaster.pid")).get(0).trim());
    ProcessHandle.of(pid).ifPresent(h -> {
      h.destroyForcibly();
      h.onExit().join();
    });
  }

  static ServiceProcess start(Path data, List<String> db) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--host", "127.0.0.1", "--data", data.toString()));
    args.addAll(db);
    return ServiceProcess.start(Map.of(), args.toArray(String[]::new));
  }

  interface Step {
    void run() throws Exception;
  }

  static void loop(AtomicBoolean stop, Step step) {
    while (!stop.get()) {
      try {
        step.run();
      } catch (Exception e) {
        // the service died under us: only acknowledged work counts
        sleep(50);
      }
    }
  }

  void batch(ApiClient api, Cast c) throws Exception {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      items.add(Fixtures.shipment("CRASH-" + i));
    }
    ApiClient.Reply r;
    try {
      r = api.post("/v1/shipments/batch", c.merchant, Map.of("shipments", items));
    } catch (Exception e) {
      batchAnswers.merge(-1, 1, Integer::sum);
      throw e;
    }
    batchAnswers.merge(r.status(), 1, Integer::sum);
    if (r.status() == 200) {
      for (JsonNode item : r.json().get("results")) {
        String wb = item.get("waybill").asText();
        allIssued.add(wb);
        ackedWaybills.add(wb);
      }
    }
  }

  void reveal(ApiClient api, Cast c, List<String> deliverable) throws Exception {
    String wb = deliverable.get((int) (System.nanoTime() % deliverable.size()));
    ApiClient.Reply r = api.post("/v1/shipments/" + wb + "/reveal", c.courier,
        Map.of("party", "recipient", "purpose", "DELIVERY"));
    if (r.status() == 200) {
      ackedReveals.put(r.json().get("auditIndex").asLong(), wb);
    }
    sleep(20);
  }

  void scan(ApiClient api, Cast c) throws Exception {
    ApiClient.Reply created = api.post("/v1/shipments", c.merchant, Fixtures.shipment("SCAN"));
    if (created.status() != 201) {
      return;
    }
    String wb = created.json().get("waybill").asText();
    allIssued.add(wb);
    ackedWaybills.add(wb);
    postedEvents.merge(wb, 1, Integer::sum);
    if (api.post("/v1/shipments/" + wb + "/events", c.originDesk, Map.of("type", "PICKED_UP")).status() == 201) {
      ackedEvents.merge(wb, 1, Integer::sum);
      postedEvents.merge(wb, 1, Integer::sum);
      if (api.post("/v1/shipments/" + wb + "/events", c.destDesk, Map.of("type", "ARRIVED")).status() == 201) {
        ackedEvents.merge(wb, 1, Integer::sum);
      }
    }
  }

  void verifyAcknowledged(ApiClient api, Cast c) throws Exception {
    assertThat(new HashSet<>(allIssued)).as("no number issued twice").hasSize(allIssued.size());
    for (String wb : ackedWaybills) {
      ApiClient.Reply r = api.get("/v1/shipments/" + wb, c.merchant);
      assertThat(r.status()).as("acknowledged shipment " + wb).isEqualTo(200);
      int acked = ackedEvents.getOrDefault(wb, 0);
      int posted = postedEvents.getOrDefault(wb, 0);
      // Every acknowledged event is there, and none twice; one posted as the service died may be there too.
      assertThat(r.json().get("events").size()).as("events of " + wb).isBetween(acked, posted);
    }
    Map<Long, JsonNode> entries = new HashMap<>();
    long size = api.get("/v1/audit/entries?start=0&end=1", c.security).json().get("treeSize").asLong();
    for (long start = 0; start < size; start += 1000) {
      for (JsonNode e : api.get("/v1/audit/entries?start=" + start + "&end=" + (start + 1000), c.security).json()
          .get("entries")) {
        entries.put(e.get("index").asLong(), e);
      }
    }
    ackedReveals.forEach((index, wb) -> {
      JsonNode e = entries.get(index);
      assertThat(e).as("audit entry of acknowledged reveal " + index).isNotNull();
      assertThat(e.get("action").asText()).isEqualTo("reveal");
      assertThat(e.get("outcome").asText()).isEqualTo("allowed");
      assertThat(e.get("waybill").asText()).isEqualTo(wb);
    });
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The principals of the harness, created once through the API. */
  record Cast(String merchant, String originDesk, String destDesk, String courier, String courierId, String security) {
    static Cast create(ApiClient api, String admin) throws Exception {
      api.post("/v1/stations", admin, Map.of("code", "HZH", "name", "Hub", "kind", "HUB",
          "area", Fixtures.area("浙江省", "杭州市", "余杭区")));
      api.post("/v1/stations", admin, Map.of("code", "HZ-XH01", "name", "Xihu", "kind", "STATION",
          "area", Fixtures.area("浙江省", "杭州市", "西湖区")));
      api.post("/v1/stations", admin, Map.of("code", "HZ-BJ01", "name", "Binjiang", "kind", "STATION",
          "area", Fixtures.area("浙江省", "杭州市", "滨江区")));
      JsonNode courier = principal(api, admin, "courier", "HZ-XH01");
      return new Cast(principal(api, admin, "merchant", null).get("token").asText(),
          principal(api, admin, "station", "HZ-BJ01").get("token").asText(),
          principal(api, admin, "station", "HZ-XH01").get("token").asText(),
          courier.get("token").asText(), courier.get("id").asText(),
          principal(api, admin, "security", null).get("token").asText());
    }

    static JsonNode principal(ApiClient api, String admin, String role, String station) throws Exception {
      Map<String, Object> body = new HashMap<>(Map.of("role", role, "name", role));
      if (station != null) {
        body.put("stationCode", station);
      }
      ApiClient.Reply r = api.post("/v1/principals", admin, body);
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      return r.json();
    }

    /** Shipments out for delivery with this cast's courier: what the reveal clients read. */
    List<String> prepareDeliveries(ApiClient api, int n) throws Exception {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String wb = api.post("/v1/shipments", merchant, Fixtures.shipment("DELIVER")).json().get("waybill").asText();
        api.post("/v1/shipments/" + wb + "/events", originDesk, Map.of("type", "PICKED_UP"));
        api.post("/v1/shipments/" + wb + "/events", destDesk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId));
        out.add(wb);
      }
      return out;
    }
  }
}

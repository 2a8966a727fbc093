package org.parcelveil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.parcelveil.access.DisclosureLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.http.Json;
import org.parcelveil.shipment.RawShipmentInsert;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.tracking.ResultsSection;

/**
 * The HTTP load driver: runs the real service (in this JVM, on loopback, real Jetty and real database) and drives
 * it with concurrent HTTP clients; measures the database's own raw rate for the same rows in the same run, so each
 * figure comes with its ratio. Usage: {@code bench/load [embedded|postgres|both] [seconds]}. The machine is shared, so each
 * measurement alternates with its baseline over a few rounds and the ratio is their median.
 */
public final class LoadDriver {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final String base;

  LoadDriver(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Rounds per paired measurement: each alternates the two sides, so both see the same neighbours. */
  static final int ROUNDS = 3;

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "both";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    // An optional third argument picks measurements (batch,single,reveal) for profiling; the results file is then
    // left alone, since it holds whole runs only.
    parts = args.length > 2 ? List.of(args[2].split(",")) : ALL_PARTS;
    StringBuilder report = new StringBuilder();
    report.append(Machine.describe()).append("Load average (1 / 5 / 15 min) at the start: ")
        .append(ResultsSection.loadAverage()).append(". Each ratio is the median of ").append(ROUNDS)
        .append(" rounds that alternate the measurement and its baseline (")
        .append(seconds).append(" s each); the rates are the medians of the rounds, the ratios of single rounds in brackets.\n\n");
    report.append("| database | measurement | rate | raw limit | ratio |\n|---|---|---|---|---|\n");
    for (String kind : which.equals("both") ? List.of("embedded", "postgres") : List.of(which)) {
      report.append(run(kind, seconds));
    }
    report.append("\nLoad average at the end: ").append(ResultsSection.loadAverage()).append(".\n\n")
        .append("CPU time per unit of work (medians of the rounds; the JVM's includes the load driver's own HTTP clients,")
        .append(" and on the embedded store not the database's server):\n\n").append(cpuNotes);
    System.out.println(report);
    if (!parts.equals(ALL_PARTS)) {
      return;
    }
    ResultsSection.write(Path.of("docs/benchmarks/http-load.md"), "load", report.toString());
  }

  static String run(String kind, int seconds) throws Exception {
    StringBuilder rows = new StringBuilder();
    // Budgets far above the load, so the benchmark measures the reveal path rather than its refusal.
    try (BenchService svc = BenchService.start(kind, "pv-load-", s -> s.withDisclosure(
        new DisclosureLimits(Duration.ofHours(12), 100_000_000, 100_000_000, 20, 2)))) {
      ParcelVeil pv = svc.pv();
      LoadDriver d = new LoadDriver(svc.port());
      meter = CpuMeter.of(pv.database().dataSource(), kind.equals("postgres"));
      String admin = pv.principals().create(null, "admin", "Load admin", null).token();
      d.setUpNetwork(admin);
      var merchant = pv.principals().create(null, "merchant", "Load merchant", null);
      String m = merchant.token();
      Paired batch = null;
      if (parts.contains("batch")) {
        batch = measureBatches(kind, seconds, pv, d, m, merchant.principal().id(), rows);
      }
      if (parts.contains("single")) {
        d.singles(m, 4, WARM_UP);
        double single = d.singles(m, 16, seconds);
        double raw = batch == null ? Double.NaN : batch.baseline();
        rows.append(row(kind, "POST /v1/shipments, 16 clients, requests/s",
            new Paired(single, raw, single / raw, List.of(), null), "(see batch raw limit)"));
      }
      if (parts.contains("reveal")) {
        // Eight couriers, each revealing (or reading) the recipient of the parcel it is out delivering: the product's
        // real concurrency. One courier's reveals come one at a time from one phone.
        List<Delivery> couriers = new ArrayList<>();
        for (int i = 0; i < REVEAL_CLIENTS; i++) {
          var courier = pv.principals().create(null, "courier", "Load courier " + i, "HZ-XH01");
          couriers.add(new Delivery(courier.token(), d.shipmentOutForDelivery(m, pv, courier.principal().id())));
        }
        d.reads(couriers, WARM_UP);
        d.reveals(couriers, WARM_UP);
        Paired reveal = Paired.measure(() -> d.reveals(couriers, seconds), () -> d.reads(couriers, seconds));
        rows.append(row(kind, "POST /v1/shipments/{waybill}/reveal (policy + audit append + decrypt), 8 couriers, /s",
            reveal, "GET /v1/shipments/{waybill} of the same shipments by the same couriers, /s"));
        cpuNotes.append(cpuNote(kind, "reveal, per request", reveal, "GET"));
      }
    }
    return rows.toString();
  }

  static final List<String> ALL_PARTS = List.of("batch", "single", "reveal");
  static List<String> parts = ALL_PARTS;

  /** Warm-up, then batches of 1,000 from 2 clients against the same rows inserted raw from 2 connections. */
  static Paired measureBatches(String kind, int seconds, ParcelVeil pv, LoadDriver d, String m, String merchantId,
      StringBuilder rows) throws Exception {
    d.batches(m, 1000, BATCH_CLIENTS, WARM_UP);
    List<Shipment> written = pv.shipments().ofMerchant(merchantId, 2000);
    AtomicInteger warm = new AtomicInteger();
    drive(BATCH_CLIENTS, 2, () -> RawShipmentInsert.insertNext(pv.database().dataSource(), written, "W0", warm));
    int[] round = {0};
    Paired batch = Paired.measure(() -> d.batches(m, 1000, BATCH_CLIENTS, seconds), () -> {
      AtomicInteger chunks = new AtomicInteger();
      String prefix = "R" + round[0]++;
      return drive(BATCH_CLIENTS, seconds, () -> RawShipmentInsert.insertNext(pv.database().dataSource(), written,
          prefix, chunks));
    });
    rows.append(row(kind, "POST /v1/shipments/batch (1,000 per request, 2 clients), shipments/s", batch,
        "raw JDBC batch insert of the same rows, 1,000/commit, 2 connections"));
    cpuNotes.append(cpuNote(kind, "batch creation, per shipment", batch, "raw insert"));
    return batch;
  }

  /** CPU lines collected while the tables are written, printed below them. */
  static final StringBuilder cpuNotes = new StringBuilder();

  static String cpuNote(String kind, String what, Paired p, String baselineName) {
    double[] c = p.cpu();
    if (!kind.equals("postgres")) {
      return String.format("- %s, %s: service %.0f µs; %s %.0f µs%n", kind, what, c[0], baselineName, c[2]);
    }
    return String.format("- %s, %s: service %.0f + PostgreSQL %.0f µs; %s %.0f + PostgreSQL %.0f µs%n", kind, what,
        c[0], c[1], baselineName, c[2], c[3]);
  }

  static final int BATCH_CLIENTS = 2;
  static final int REVEAL_CLIENTS = 8;
  /**
   * Seconds each path runs before it is measured. Under the neighbours' load, the JIT compiler was still busy after
   * 2-3 s: the first rounds then showed three times the CPU per unit of the later ones.
   */
  static final int WARM_UP = 10;

  interface Rate {
    double measure() throws Exception;
  }

  /**
   * A rate and its baseline, each the median of the rounds, the median of the rounds' ratios, and the median CPU
   * time per unit of each side ({@code cpu}: JVM and database microseconds, measured side first).
   */
  record Paired(double rate, double baseline, double ratio, List<Double> ratios, double[] cpu) {
    static Paired measure(Rate measured, Rate baseline) throws Exception {
      List<Double> rates = new ArrayList<>();
      List<Double> baselines = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < ROUNDS; i++) {
        // Alternate which side goes first, so a neighbour's burst does not always land on the same side.
        double a;
        double b;
        Run ra;
        Run rb;
        if (i % 2 == 0) {
          a = measured.measure();
          ra = lastRun;
          b = baseline.measure();
          rb = lastRun;
        } else {
          b = baseline.measure();
          rb = lastRun;
          a = measured.measure();
          ra = lastRun;
        }
        System.out.printf("  round %d: %,.0f / %,.0f = %.2f (load %s); CPU us per unit %.0f + %.0f / %.0f + %.0f%n",
            i + 1, a, b, a / b, ResultsSection.loadAverage(), ra.jvmMicrosPerUnit(), ra.dbMicrosPerUnit(),
            rb.jvmMicrosPerUnit(), rb.dbMicrosPerUnit());
        rates.add(a);
        baselines.add(b);
        ratios.add(a / b);
        cpu.get(0).add(ra.jvmMicrosPerUnit());
        cpu.get(1).add(ra.dbMicrosPerUnit());
        cpu.get(2).add(rb.jvmMicrosPerUnit());
        cpu.get(3).add(rb.dbMicrosPerUnit());
      }
      return new Paired(median(rates), median(baselines), median(ratios), ratios,
          cpu.stream().mapToDouble(Paired::median).toArray());
    }

    static double median(List<Double> xs) {
      List<Double> sorted = xs.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  static String row(String kind, String what, Paired p, String rawWhat) {
    String rounds = p.ratios().isEmpty() ? ""
        : p.ratios().stream().map(r -> String.format("%.2f", r)).collect(java.util.stream.Collectors.joining(", ", " (", ")"));
    String line = String.format("| %s | %s | %,.0f | %s: %,.0f | %.2f%s |%n", kind, what, p.rate(), rawWhat,
        p.baseline(), p.ratio(), rounds);
    System.out.print(line);
    return line;
  }

  void setUpNetwork(String admin) throws Exception {
    post("/v1/stations", admin, Map.of("code", "HZH", "name", "Hub", "kind", "HUB", "area", Fixtures.area("浙江省", "杭州市", "余杭区")));
    post("/v1/stations", admin, Map.of("code", "HZ-XH01", "name", "Xihu", "kind", "STATION",
        "area", Fixtures.area("浙江省", "杭州市", "西湖区")));
    post("/v1/stations", admin, Map.of("code", "HZ-BJ01", "name", "Binjiang", "kind", "STATION",
        "area", Fixtures.area("浙江省", "杭州市", "滨江区")));
  }

  String shipmentOutForDelivery(String merchant, ParcelVeil pv, String courierId) throws Exception {
    String wb = Json.mapper().readTree(post("/v1/shipments", merchant, Fixtures.shipment("LOAD")).body()).get("waybill").asText();
    var origin = pv.principals().create(null, "station", "Origin desk", "HZ-BJ01").token();
    var desk = pv.principals().create(null, "station", "Destination desk", "HZ-XH01").token();
    check(post("/v1/shipments/" + wb + "/events", origin, Map.of("type", "PICKED_UP")), 201);
    check(post("/v1/shipments/" + wb + "/events", desk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)), 201);
    return wb;
  }

  double batches(String token, int size, int clients, int seconds) throws Exception {
    byte[] body = batchBody(size);
    return drive(clients, seconds, () -> batch(token, body, size));
  }

  /** The body of {@code POST /v1/shipments/batch}: {@code size} shipments of the fixtures. */
  static byte[] batchBody(int size) throws Exception {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(Fixtures.shipment("LB-" + i));
    }
    return Json.mapper().writeValueAsBytes(Map.of("shipments", items));
  }

  /** One batch creation of {@code body} (of {@code size} shipments); returns the service's answer. */
  HttpResponse<String> batchResponse(String token, byte[] body) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments/batch"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)), token);
    check(r, 200);
    return r;
  }

  int batch(String token, byte[] body, int size) throws Exception {
    batchResponse(token, body);
    return size;
  }

  double singles(String token, int clients, int seconds) throws Exception {
    byte[] body = Json.mapper().writeValueAsBytes(Fixtures.shipment("LS"));
    return drive(clients, seconds, () -> {
      check(send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token), 201);
      return 1;
    });
  }

  /** One courier and the shipment it is delivering: one client of the reveal measurement. */
  record Delivery(String token, String waybill) {}

  /** Each client a courier reading its own shipment. */
  double reads(List<Delivery> couriers, int seconds) throws Exception {
    return driveEach(couriers.size(), seconds, i -> () -> read(couriers.get(i)));
  }

  /** Each client a courier revealing its own shipment's recipient. */
  double reveals(List<Delivery> couriers, int seconds) throws Exception {
    return driveEach(couriers.size(), seconds, i -> () -> reveal(couriers.get(i)));
  }

  /** {@code GET /v1/shipments/{waybill}}, 200 expected. */
  int read(Delivery d) throws Exception {
    check(send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments/" + d.waybill())).GET(), d.token()), 200);
    return 1;
  }

  private static final byte[] REVEAL_BODY = "{\"party\":\"recipient\",\"purpose\":\"DELIVERY\"}"
      .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** The recipient of {@code d}'s shipment revealed to its courier, 200 expected. */
  int reveal(Delivery d) throws Exception {
    check(send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments/" + d.waybill() + "/reveal"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(REVEAL_BODY)),
        d.token()), 200);
    return 1;
  }

  /** A scan of {@code d}'s shipment ({@code POST /v1/shipments/{waybill}/events}) by station {@code d.token()}. */
  int scan(Delivery d, byte[] event) throws Exception {
    check(send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments/" + d.waybill() + "/events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(event)), d.token()),
        201);
    return 1;
  }

  interface Call {
    int run() throws Exception;
  }

  /** One run of {@link #drive}: units done, wall time, and CPU time of this JVM and of the database processes. */
  record Run(long units, double seconds, long jvmCpuNanos, long dbCpuNanos) {
    double jvmMicrosPerUnit() {
      return jvmCpuNanos / 1e3 / units;
    }

    double dbMicrosPerUnit() {
      return dbCpuNanos / 1e3 / units;
    }
  }

  /** Measures CPU time around each {@link #drive}; set per database. */
  static CpuMeter meter;
  /** The last {@link #drive}'s run, for the CPU figures (the driver's main thread is the only caller). */
  static Run lastRun;

  /** Runs {@code clients} loops of {@code call} for {@code seconds}; returns completed units per second. */
  static double drive(int clients, int seconds, Call call) throws Exception {
    return driveEach(clients, seconds, i -> call);
  }

  /** As {@link #drive}, client {@code i} running the call {@code calls} gives it. */
  static double driveEach(int clients, int seconds, java.util.function.IntFunction<Call> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      AtomicLong done = new AtomicLong();
      long[] cpu = meter == null ? new long[2] : meter.now();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Call call = calls.apply(i);
        fs.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            done.addAndGet(call.run());
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long[] after = meter == null ? new long[2] : meter.now();
      lastRun = new Run(done.get(), elapsed, after[0] - cpu[0], after[1] - cpu[1]);
      return done.get() / elapsed;
    } finally {
      // Also on a failed call: the other clients' threads would otherwise keep the JVM alive after the report.
      pool.shutdownNow();
    }
  }

  HttpResponse<String> post(String path, String token, Object body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))), token);
  }

  HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
    return http.send(b.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void check(HttpResponse<String> r, int expected) {
    if (r.statusCode() != expected) {
      throw new IllegalStateException("expected " + expected + " but got " + r.statusCode() + ": "
          + r.body().substring(0, Math.min(300, r.body().length())));
    }
  }

  static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }
}

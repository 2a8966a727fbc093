package org.parcelveil.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.bench.Machine;
import org.parcelveil.http.Json;
import org.parcelveil.verify.VerificationSettings;

/**
 * Public tracking and marketplace verification over HTTP against the real service, each measured in alternating
 * slices with {@code GET /health} (the trivial endpoint on the same server), so every figure comes with its ratio. Also the
 * latency of the 404 for unknown, forged and malformed numbers, which must not tell them apart. Writes its results
 * into {@code docs/benchmarks/tracking.md}, between markers.
 *
 * <p>Usage: {@code TrackingBenchmark [seconds per measurement] [clients] [h2|postgres]}, default {@code 10 8 h2}.
 */
public final class TrackingBenchmark {
  private static final int PARCELS = 400;
  private static final String VERIFY = "POST /v1/verifications (an order asking again: every check, one insert)";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final TestService svc;

  private TrackingBenchmark(TestService svc) {
    this.svc = svc;
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String kind = args.length > 2 ? args[2] : "postgres";
    StringBuilder text = new StringBuilder("## Results (" + kind + ")\n\n").append(Machine.describe())
        .append("Load average (1 / 5 / 15 min) at the start: ").append(ResultsSection.loadAverage()).append(".\n\n");
    // Budgets far above the load: the limiter still runs on every look-up, but never refuses.
    try (TestService svc = TestService.start(kind, s -> s
        .withTracking(s.tracking().withLookups(Budget.perHour(2_000_000_000)).withMisses(Budget.perHour(2_000_000_000)))
        .withVerification(VerificationSettings.DEFAULTS.withPerPlatform(Budget.perMinute(2_000_000_000))))) {
      new TrackingBenchmark(svc).run(seconds, clients, text);
    }
    text.append("\nLoad average at the end: ").append(ResultsSection.loadAverage()).append(".\n");
    System.out.println(text);
    ResultsSection.write(Path.of("docs/benchmarks/tracking.md"), kind, text.toString());
    System.exit(0);
  }

  private void run(int seconds, int clients, StringBuilder text) throws Exception {
    Parcels p = new Parcels(svc);
    String platform = svc.principal("platform", "Bench market", null).token();
    List<Object> batch = new ArrayList<>();
    for (int i = 0; i < PARCELS; i++) {
      batch.add(Fixtures.shipment("B-" + i));
    }
    JsonNode results = svc.post("/v1/shipments/batch", p.merchant, Map.of("shipments", batch)).json().get("results");
    String[] waybills = new String[PARCELS];
    String orderAt = svc.clock.instant().minusSeconds(600).toString();
    for (int i = 0; i < PARCELS; i++) {
      waybills[i] = results.get(i).get("waybill").asText();
    }
    Arrays.stream(waybills).parallel().forEach(wb -> p.toDestination(wb, 1000));
    for (String wb : waybills) {
      check(svc.post("/v1/verifications", platform, order(wb, orderAt)).status(), 200);
    }
    WellFormed numbers = new WellFormed("PV");

    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("GET /health", () -> get("/health", 200));
    calls.put("GET /v1/track/{waybill}", () -> get("/v1/track/" + pick(waybills), 200));
    calls.put("GET /v1/track/{waybill}?phoneLast4= (right digits: decrypt, compare, mask)",
        () -> get("/v1/track/" + pick(waybills) + "?phoneLast4=4321", 200));
    calls.put("GET /v1/track/{waybill} of an unknown well-formed number (404)",
        () -> get("/v1/track/" + numbers.random(), 404));
    calls.put(VERIFY, () -> verify(platform, pick(waybills), orderAt));
    // Warm-up, writes first, so that no write's after-effects fall into the first read measurement.
    drive(clients, 3, calls.get(VERIFY));
    for (Call c : calls.values()) {
      drive(clients, 3, c);
    }
    // Each measurement alternates with /health in short slices, so both see the same neighbours on the machine.
    text.append("| measurement | requests/s | GET /health in the same slices, /s | ratio |\n|---|---:|---:|---:|\n");
    for (Map.Entry<String, Call> e : calls.entrySet()) {
      if (e.getKey().equals("GET /health")) {
        continue;
      }
      double[] rates = paired(clients, seconds, e.getValue(), calls.get("GET /health"));
      text.append(String.format("| %s | %,.0f | %,.0f | %.2f |%n", e.getKey(), rates[0], rates[1],
          rates[0] / rates[1]));
    }
    double[] insert = paired(clients, seconds, calls.get(VERIFY), this::rawInsert);
    text.append(String.format("| %s | %,.0f | raw JDBC: one verification_requests row per transaction, %,.0f/s | "
        + "%.2f |%n", VERIFY + ", against the bare insert it must make", insert[0], insert[1], insert[0] / insert[1]));
    text.append(String.format("%n%d clients, %d s per measurement, %d parcels with four scans each.%n%n", clients,
        seconds, PARCELS));
    text.append(latencies(waybills, numbers));
  }

  /** A request of the latency table: its path (made before the clock starts) and the status it must get. */
  private record Probe(java.util.function.Supplier<String> path, int status) {}

  /** Median and 90th percentile of single-client 404s by kind of unknown number, interleaved. */
  private String latencies(String[] waybills, WellFormed numbers) throws Exception {
    Map<String, Probe> kinds = new LinkedHashMap<>();
    kinds.put("never issued, well formed", new Probe(() -> "/v1/track/" + numbers.random(), 404));
    kinds.put("wrong check character", new Probe(() -> "/v1/track/" + typo(pick(waybills)), 404));
    kinds.put("malformed (`PV123`)", new Probe(() -> "/v1/track/PV123", 404));
    kinds.put("known number (200, for scale)", new Probe(() -> "/v1/track/" + pick(waybills), 200));
    kinds.put("page `/track?waybill=`, never issued", new Probe(() -> "/track?waybill=" + numbers.random(), 404));
    kinds.put("page `/c/{token}`, forged token", new Probe(() -> "/c/" + forged(pick(waybills)), 404));
    kinds.put("page `/track?waybill=`, known (200, for scale)", new Probe(() -> "/track?waybill=" + pick(waybills), 200));
    Map<String, List<Long>> samples = new LinkedHashMap<>();
    kinds.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
    for (int round = 0; round < 3_000; round++) {
      for (Map.Entry<String, Probe> e : kinds.entrySet()) {
        String path = e.getValue().path().get();
        long t = System.nanoTime();
        get(path, e.getValue().status());
        samples.get(e.getKey()).add(System.nanoTime() - t);
      }
    }
    StringBuilder b = new StringBuilder("| request (one client) | median µs | p90 µs |\n|---|---:|---:|\n");
    samples.forEach((k, v) -> {
      v.sort(Long::compare);
      b.append(String.format("| %s | %,d | %,d |%n", k, v.get(v.size() / 2) / 1000, v.get(v.size() * 9 / 10) / 1000));
    });
    return b.append("\nOne client, 3,000 rounds, the kinds interleaved in each round.\n").toString();
  }

  /** A label token for a real waybill with one tag character changed. */
  private String forged(String waybill) {
    String token = svc.pv.shipmentLabels().tokens().issue(waybill);
    char c = token.charAt(token.length() - 3);
    return token.substring(0, token.length() - 3) + (c == 'A' ? 'B' : 'A') + token.substring(token.length() - 2);
  }

  /** What a verification must at least do: one durable insert of its record. */
  private void rawInsert() throws Exception {
    try (java.sql.Connection c = svc.pv.database().connection();
        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO verification_requests "
            + "(id, platform_id, waybill, order_id, verdict, flags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, java.util.UUID.randomUUID().toString().replace("-", ""));
      ps.setString(2, "raw");
      ps.setString(3, "PV00000000000000A");
      ps.setString(4, "RAW");
      ps.setString(5, "MATCH");
      ps.setString(6, "");
      ps.setTimestamp(7, java.sql.Timestamp.from(java.time.Instant.now()));
      ps.executeUpdate();
    }
  }

  private static String typo(String wb) {
    char last = wb.charAt(wb.length() - 1);
    return wb.substring(0, wb.length() - 1) + (last == '0' ? '1' : '0');
  }

  private static String pick(String[] a) {
    return a[ThreadLocalRandom.current().nextInt(a.length)];
  }

  private static Map<String, Object> order(String wb, String at) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("waybill", wb);
    o.put("orderId", "BENCH-" + wb);
    o.put("orderCreatedAt", at);
    o.put("origin", Fixtures.area("浙江省", "杭州市", "滨江区"));
    o.put("destination", Fixtures.area("浙江省", "杭州市", "西湖区"));
    o.put("recipientPhone", Fixtures.MARK_PHONE);
    return o;
  }

  private void verify(String token, String wb, String at) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(svc.url("/v1/verifications")))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(order(wb, at)))).build(),
        HttpResponse.BodyHandlers.ofString());
    check(r.statusCode(), 200);
    if (!r.body().contains("\"MATCH\"")) {
      throw new IllegalStateException("expected MATCH: " + r.body());
    }
  }

  private void get(String path, int expected) throws Exception {
    check(http.send(HttpRequest.newBuilder(URI.create(svc.url(path))).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode(), expected);
  }

  private static void check(int status, int expected) {
    if (status != expected) {
      throw new IllegalStateException("expected " + expected + " but got " + status);
    }
  }

  interface Call {
    void run() throws Exception;
  }

  /** Runs {@code a} and {@code b} in turn, five slices each within {@code seconds} apiece; returns both rates. */
  static double[] paired(int clients, int seconds, Call a, Call b) throws Exception {
    double doneA = 0;
    double doneB = 0;
    int slices = 5;
    double slice = seconds / (double) slices;
    for (int i = 0; i < slices; i++) {
      doneA += drive(clients, slice, a) * slice;
      doneB += drive(clients, slice, b) * slice;
    }
    return new double[] {doneA / seconds, doneB / seconds};
  }

  /** Runs {@code clients} loops of {@code call} for {@code seconds}; returns calls per second (LoadDriver's pattern). */
  static double drive(int clients, double seconds, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      fs.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          call.run();
          done.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }
}

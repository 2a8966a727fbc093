package org.parcelveil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.parcelveil.access.DisclosureLimits;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.http.Json;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.shipment.RawShipmentInsert;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.store.TestDatabases;

/**
 * The HTTP load driver: runs the real service (in this JVM, on loopback, real Jetty and real database) and drives
 * it with concurrent HTTP clients; measures the database's own raw rate for the same rows in the same run, so each
 * figure comes with its ratio. Usage: {@code bench/load [h2|postgres|both] [seconds]}.
 */
public final class LoadDriver {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  private LoadDriver(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "both";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    StringBuilder report = new StringBuilder();
    report.append("# HTTP load results\n\n").append(Machine.describe()).append("\n");
    report.append("| database | measurement | rate | raw limit | ratio |\n|---|---|---|---|---|\n");
    for (String kind : which.equals("both") ? List.of("h2", "postgres") : List.of(which)) {
      report.append(run(kind, seconds));
    }
    System.out.println(report);
    Path out = Path.of("docs/benchmarks/http-load.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("written to " + out);
  }

  static String run(String kind, int seconds) throws Exception {
    Path dir = Files.createTempDirectory("pv-load-");
    // Budgets far above the load, so the benchmark measures the reveal path rather than its refusal.
    Settings s = Settings.defaults(dir).withHttp(new HttpSettings("127.0.0.1", 0, 64L << 20))
        .withDisclosure(new DisclosureLimits(Duration.ofHours(12), 100_000_000, 100_000_000, 20, 2));
    if (kind.equals("postgres")) {
      s = s.withDatabase(TestDatabases.freshPostgres());
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    StringBuilder rows = new StringBuilder();
    try (ParcelVeil pv = ParcelVeil.open(s, Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)));
        HttpServer server = pv.serve()) {
      LoadDriver d = new LoadDriver(server.port());
      String admin = pv.principals().create(null, "admin", "Load admin", null).token();
      d.setUpNetwork(admin);
      var merchant = pv.principals().create(null, "merchant", "Load merchant", null);
      String m = merchant.token();

      // Warm-up, then batches of 1,000 from 2 clients.
      d.batches(m, 1000, 2, 3);
      double batchRate = d.batches(m, 1000, 2, seconds);
      List<Shipment> written = pv.shipments().ofMerchant(merchant.principal().id(), 2000);
      double raw = RawShipmentInsert.insert(pv.database().dataSource(),
          RawShipmentInsert.copies(written, "RW", 50_000));
      rows.append(row(kind, "POST /v1/shipments/batch (1,000 per request, 2 clients), shipments/s", batchRate,
          "raw JDBC batch insert of the same rows, 1,000/commit", raw));

      d.singles(m, 4, 2);
      double single = d.singles(m, 16, seconds);
      rows.append(row(kind, "POST /v1/shipments, 16 clients, requests/s", single, "(see batch raw limit)", raw));

      var courier = pv.principals().create(null, "courier", "Load courier", "HZ-XH01");
      String wb = d.shipmentOutForDelivery(m, pv, courier.principal().id());
      d.reads(courier.token(), "/v1/shipments/" + wb, 8, 2);
      double read = d.reads(courier.token(), "/v1/shipments/" + wb, 8, seconds);
      double reveal = d.reveals(courier.token(), wb, 8, seconds);
      rows.append(row(kind, "POST /v1/shipments/{waybill}/reveal (policy + audit append + decrypt), 8 clients, /s",
          reveal, "GET /v1/shipments/{waybill} by the same courier, /s", read));
    }
    return rows.toString();
  }

  static String row(String kind, String what, double rate, String rawWhat, double raw) {
    String line = String.format("| %s | %s | %,.0f | %s: %,.0f | %.2f |%n", kind, what, rate, rawWhat, raw, rate / raw);
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
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(Fixtures.shipment("LB-" + i));
    }
    byte[] body = Json.mapper().writeValueAsBytes(Map.of("shipments", items));
    return drive(clients, seconds, () -> {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments/batch"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)), token);
      check(r, 200);
      return size;
    });
  }

  double singles(String token, int clients, int seconds) throws Exception {
    byte[] body = Json.mapper().writeValueAsBytes(Fixtures.shipment("LS"));
    return drive(clients, seconds, () -> {
      check(send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token), 201);
      return 1;
    });
  }

  double reads(String token, String path, int clients, int seconds) throws Exception {
    return drive(clients, seconds, () -> {
      check(send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token), 200);
      return 1;
    });
  }

  double reveals(String token, String wb, int clients, int seconds) throws Exception {
    byte[] body = Json.mapper().writeValueAsBytes(Map.of("party", "recipient", "purpose", "DELIVERY"));
    return drive(clients, seconds, () -> {
      check(send(HttpRequest.newBuilder(URI.create(base + "/v1/shipments/" + wb + "/reveal"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)), token), 200);
      return 1;
    });
  }

  interface Call {
    int run() throws Exception;
  }

  /** Runs {@code clients} loops of {@code call} for {@code seconds}; returns completed units per second. */
  static double drive(int clients, int seconds, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      AtomicLong done = new AtomicLong();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
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
      return done.get() / ((System.nanoTime() - start) / 1e9);
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

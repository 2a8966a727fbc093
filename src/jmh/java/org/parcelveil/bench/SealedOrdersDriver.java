package org.parcelveil.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.http.Json;
import org.parcelveil.tracking.ResultsSection;

/**
 * The sealed-order benchmark (issue 19): runs the real service in this JVM on loopback, as {@link LoadDriver} does,
 * and measures, against a baseline in the same run on the same service and database:
 *
 * <ul>
 *   <li><b>batch</b>: {@code POST /v1/shipments/batch}, {@value #BATCH} shipments per request, 2 clients, every
 *       recipient sealed by a platform to the service's published intake key (each for its own order id, sealed
 *       before the measurement), against the same batches with the same recipients in plain;
 *   <li><b>orders</b>: {@code POST /v1/orders} (a platform registers an order), {@value #ORDER_CLIENTS} clients,
 *       each request a new order, against a raw JDBC insert of a row as wide into {@code platform_orders}, one
 *       commit per row, from as many connections.
 * </ul>
 *
 * Usage: {@code bench/sealed [embedded|postgres|both] [seconds] [batch,orders]}; with the third argument the results
 * file is left alone.
 */
public final class SealedOrdersDriver {
  static final int BATCH = 100;
  static final int BATCH_CLIENTS = 2;
  static final int ORDER_CLIENTS = 8;
  /** Distinct sealed batches made before measuring (each order id sealed once), used in turn. */
  static final int POOL_BATCHES = 200;
  static final List<String> ALL_PARTS = List.of("batch", "orders");
  static final byte[] INFO = "parcelveil intake v1".getBytes(StandardCharsets.US_ASCII);
  static final StringBuilder cpuNotes = new StringBuilder();
  static List<String> parts = ALL_PARTS;

  private SealedOrdersDriver() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "embedded";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    parts = args.length > 2 ? List.of(args[2].split(",")) : ALL_PARTS;
    StringBuilder report = new StringBuilder();
    report.append(Machine.describe()).append("Load average (1 / 5 / 15 min) at the start: ")
        .append(ResultsSection.loadAverage()).append(". Each ratio is the median of ").append(LoadDriver.ROUNDS)
        .append(" rounds that alternate the measurement and its baseline (").append(seconds)
        .append(" s each, after ").append(LoadDriver.WARM_UP).append(" s of warm-up for each side); the rates are ")
        .append("the medians of the rounds, the ratios of single rounds in brackets.\n\n");
    report.append("| database | measurement | rate | baseline | ratio |\n|---|---|---|---|---|\n");
    for (String kind : which.equals("both") ? List.of("embedded", "postgres") : List.of(which)) {
      report.append(run(kind, seconds));
    }
    report.append("\nLoad average at the end: ").append(ResultsSection.loadAverage()).append(".\n\n")
        .append("CPU time per unit of work (medians of the rounds; the JVM's includes the driver's own HTTP clients, ")
        .append("PostgreSQL's is its server processes'):\n\n").append(cpuNotes)
        .append(String.format("- HPKE open alone (BouncyCastle, one thread, no HTTP or database; CPU time): %.0f µs%n",
            openMicros()));
    System.out.println(report);
    if (parts.equals(ALL_PARTS)) {
      ResultsSection.write(Path.of("docs/benchmarks/sealed-orders.md"), "sealed", report.toString());
    }
  }

  static String run(String kind, int seconds) throws Exception {
    StringBuilder rows = new StringBuilder();
    try (BenchService svc = BenchService.start(kind, "pv-sealed-", s -> s)) {
      ParcelVeil pv = svc.pv();
      LoadDriver d = new LoadDriver(svc.port());
      // Both stores are PostgreSQL servers outside this JVM: count their processes' CPU too.
      LoadDriver.meter = CpuMeter.of(pv.database().dataSource(), true);
      d.setUpNetwork(pv.principals().create(null, "admin", "Bench admin", null).token());
      var merchant = pv.principals().create(null, "merchant", "Bench shop", null);
      var platform = pv.principals().create(null, "platform", "Bench marketplace", null);
      if (parts.contains("batch")) {
        measureBatches(kind, seconds, d, merchant.token(), merchant.principal().id(), platform.principal().id(),
            rows);
      }
      if (parts.contains("orders")) {
        measureOrders(kind, seconds, pv, d, platform.token(), merchant.principal().id(), rows);
      }
    }
    return rows.toString();
  }

  static void measureBatches(String kind, int seconds, LoadDriver d, String merchantToken, String merchantId,
      String platformId, StringBuilder rows) throws Exception {
    // The key a platform fetches: public, no token.
    HttpResponse<String> published = java.net.http.HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(d.base + "/v1/intake/key")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    LoadDriver.check(published, 200);
    var keys = LoadDriver.json(published.body()).get("keys").get(0);
    String keyId = keys.get("keyId").asText();
    byte[] publicKey = Base64.getUrlDecoder().decode(keys.get("publicKey").asText());
    long t0 = System.nanoTime();
    List<byte[]> sealed = bodies(b -> sealedBatch(b, keyId, publicKey, platformId, merchantId));
    System.out.printf("sealed %,d recipients in %.1f s (outside the measurement)%n", POOL_BATCHES * BATCH,
        (System.nanoTime() - t0) / 1e9);
    List<byte[]> plain = bodies(SealedOrdersDriver::plainBatch);
    batches(d, merchantToken, sealed, LoadDriver.WARM_UP);
    batches(d, merchantToken, plain, LoadDriver.WARM_UP);
    LoadDriver.Paired p = LoadDriver.Paired.measure(() -> batches(d, merchantToken, sealed, seconds),
        () -> batches(d, merchantToken, plain, seconds));
    rows.append(LoadDriver.row(kind, "POST /v1/shipments/batch, sealed recipients (" + BATCH
        + " per request, " + BATCH_CLIENTS + " clients), shipments/s", p,
        "the same batches with the recipients in plain, shipments/s"));
    cpuNotes.append(cpuNote(kind, "batch creation, per shipment", p, "sealed", "plain"));
  }

  static void measureOrders(String kind, int seconds, ParcelVeil pv, LoadDriver d, String platformToken,
      String merchantId, StringBuilder rows) throws Exception {
    DataSource ds = pv.database().dataSource();
    int[] round = {0};
    orders(d, platformToken, merchantId, "W-", LoadDriver.WARM_UP);
    RawOrderInsert raw = RawOrderInsert.copying(ds, merchantId);
    AtomicLong warm = new AtomicLong();
    LoadDriver.drive(ORDER_CLIENTS, LoadDriver.WARM_UP, () -> raw.insert(ds, "RW-", warm));
    LoadDriver.Paired p = LoadDriver.Paired.measure(
        () -> orders(d, platformToken, merchantId, "M" + round[0]++ + "-", seconds),
        () -> {
          AtomicLong n = new AtomicLong();
          return LoadDriver.drive(ORDER_CLIENTS, seconds, () -> raw.insert(ds, "R" + round[0]++ + "-", n));
        });
    rows.append(LoadDriver.row(kind, "POST /v1/orders (a platform registers an order), " + ORDER_CLIENTS
        + " clients, orders/s", p, "raw JDBC insert of a row as wide into platform_orders, one commit each, "
        + ORDER_CLIENTS + " connections, rows/s"));
    cpuNotes.append(cpuNote(kind, "registered orders, per order", p, "POST /v1/orders", "raw insert"));
  }

  static String cpuNote(String kind, String what, LoadDriver.Paired p, String measured, String baseline) {
    double[] c = p.cpu();
    return String.format("- %s, %s: %s %.0f + PostgreSQL %.0f µs; %s %.0f + PostgreSQL %.0f µs%n", kind, what,
        measured, c[0], c[1], baseline, c[2], c[3]);
  }

  /** {@link #POOL_BATCHES} request bodies, made in parallel. */
  static List<byte[]> bodies(java.util.function.IntFunction<List<Object>> batch) {
    return IntStream.range(0, POOL_BATCHES).parallel().mapToObj(b -> {
      try {
        return Json.mapper().writeValueAsBytes(Map.of("shipments", batch.apply(b)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static List<Object> plainBatch(int b) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      items.add(Fixtures.shipment("SB-" + b + "-" + i));
    }
    return items;
  }

  /** The same shipments, each recipient sealed as a platform would seal it, for its own order id. */
  static List<Object> sealedBatch(int b, String keyId, byte[] publicKey, String platformId, String merchantId) {
    List<Object> items = new ArrayList<>();
    for (Object o : plainBatch(b)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) o);
      String orderId = "TB-" + s.get("reference");
      try {
        byte[] party = Json.mapper().writeValueAsBytes(s.get("recipient"));
        s.put("recipient", Map.of("sealed", seal(keyId, publicKey, platformId, orderId, merchantId, party),
            "platform", platformId, "orderId", orderId));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      items.add(s);
    }
    return items;
  }

  /** Sealing as docs/sealed-orders.md shows platforms (BouncyCastle's HPKE, base mode). */
  static String seal(String keyId, byte[] publicKey, String platform, String orderId, String merchant,
      byte[] party) throws Exception {
    HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    byte[] aad = (platform + "|" + orderId + "|" + merchant).getBytes(StandardCharsets.UTF_8);
    byte[][] out = hpke.seal(hpke.deserializePublicKey(publicKey), INFO, aad, party, null, null, null);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return "pvs1." + keyId + "." + b64.encodeToString(out[1]) + "." + b64.encodeToString(out[0]);
  }

  /** Batches from the pool in turn, from {@link #BATCH_CLIENTS} clients; fails if any item of any batch failed. */
  static double batches(LoadDriver d, String token, List<byte[]> bodies, int seconds) throws Exception {
    AtomicInteger next = new AtomicInteger();
    URI uri = URI.create(d.base + "/v1/shipments/batch");
    return LoadDriver.drive(BATCH_CLIENTS, seconds, () -> {
      byte[] body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
      HttpResponse<String> r = d.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token);
      LoadDriver.check(r, 200);
      if (r.body().contains("\"error\":{")) {
        throw new IllegalStateException("a batch item failed: " + r.body().substring(0, Math.min(600,
            r.body().length())));
      }
      return BATCH;
    });
  }

  /** New orders (ids {@code prefix} and a counter) of the same recipient, from {@link #ORDER_CLIENTS} clients. */
  static double orders(LoadDriver d, String platformToken, String merchantId, String prefix, int seconds)
      throws Exception {
    AtomicLong n = new AtomicLong();
    Map<String, Object> recipient = Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", Fixtures.MARK_PHONE, "西湖区");
    return LoadDriver.drive(ORDER_CLIENTS, seconds, () -> {
      LoadDriver.check(d.post("/v1/orders", platformToken, Map.of("merchant", merchantId,
          "orderId", prefix + n.incrementAndGet(), "recipient", recipient)), 201);
      return 1;
    });
  }

  /** Microseconds per HPKE open of a sealed party, one thread: the cryptographic floor of a sealed recipient. */
  static double openMicros() throws Exception {
    HPKE hpke = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    AsymmetricCipherKeyPair pair = hpke.generatePrivateKey();
    byte[] party = Json.mapper().writeValueAsBytes(Fixtures.shipment("X").get("recipient"));
    byte[] aad = "pr_platform|TB-1|pr_shop".getBytes(StandardCharsets.UTF_8);
    byte[][] out = hpke.seal(pair.getPublic(), INFO, aad, party, null, null, null);
    // CPU time of this thread, not wall time: on a shared machine the wall time counts the neighbours' turns too.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 2_000; i++) {
      hpke.open(out[1], pair, INFO, aad, out[0], null, null, null);
    }
    long n = 0;
    long start = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        hpke.open(out[1], pair, INFO, aad, out[0], null, null, null);
      }
      n += 100;
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
  }

  /**
   * The raw limit of registering an order: copies of a row the service wrote into {@code platform_orders} (same
   * columns and values, ciphertexts random bytes of the same lengths, a fresh random handle and order id), one
   * plain JDBC {@code INSERT} and commit per row.
   */
  static final class RawOrderInsert {
    static final String COLUMNS = "handle, platform_id, order_id, merchant_id, retention_day, created_at, "
        + "province, city, district, recipient_name, recipient_phone, recipient_street, recipient_detail, "
        + "recipient_phone_idx";
    static final String INSERT = "INSERT INTO platform_orders (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private final Object[] template = new Object[14];

    static RawOrderInsert copying(DataSource ds, String merchantId) throws SQLException {
      RawOrderInsert raw = new RawOrderInsert();
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM platform_orders WHERE merchant_id = ? LIMIT 1")) {
        ps.setString(1, merchantId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("no registered order to copy");
          }
          for (int i = 0; i < 14; i++) {
            raw.template[i] = rs.getObject(i + 1);
          }
        }
      }
      return raw;
    }

    int insert(DataSource ds, String prefix, AtomicLong counter) throws SQLException {
      long n = counter.incrementAndGet();
      SplittableRandom random = new SplittableRandom(((long) prefix.hashCode() << 32) ^ n);
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
        c.setAutoCommit(false);
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        ps.setString(1, "pvo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(handle));
        ps.setString(2, (String) template[1]);
        ps.setString(3, prefix + n);
        ps.setString(4, (String) template[3]);
        ps.setObject(5, template[4]);
        ps.setTimestamp(6, Timestamp.from(Instant.now()));
        for (int i = 6; i < 9; i++) {
          ps.setString(i + 1, (String) template[i]);
        }
        for (int i = 9; i < 13; i++) {
          byte[] t = (byte[]) template[i];
          byte[] b = t == null ? null : new byte[t.length];
          if (b != null) {
            random.nextBytes(b);
          }
          ps.setBytes(i + 1, b);
        }
        ps.setString(14, (String) template[13]);
        ps.executeUpdate();
        c.commit();
      }
      return 1;
    }
  }
}

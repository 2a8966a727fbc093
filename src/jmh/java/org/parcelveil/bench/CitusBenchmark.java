package org.parcelveil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.parcelveil.cli.ServiceProcess;
import org.parcelveil.store.CitusCluster;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.tracking.ResultsSection;

/**
 * Citus against plain PostgreSQL through the packaged service: {@code bench/citus [--seconds 10] [--warmup 10]
 * [--couriers 3] [--only overhead|scale] [--paths batch,read,scan,reveal]}.
 *
 * <ul>
 *   <li><b>overhead</b>: plain PostgreSQL against Citus with one worker, all servers free to use both cores: batch
 *       creation, look-ups (a merchant reads a shipment), scans and reveals, with the service connected to the
 *       coordinator and, as a third side, to the worker.
 *   <li><b>scale</b>: one PostgreSQL bound to core 0 against Citus with two workers bound to cores 0 and 1 (the
 *       coordinator unbound, out of the request path): batch creation and scans, two service nodes on each side
 *       (on Citus one per worker, as docs/citus.md spreads them).
 * </ul>
 *
 * <p>Every server is Debian's PostgreSQL 15 started by {@link CitusCluster} with the same settings (fsync,
 * synchronous_commit and full_page_writes on, 256 MB shared buffers; Citus preloaded only on the Citus side). Each
 * service node is the packaged jar in a process of its own ({@code serve --db-url}); this JVM is the load driver.
 * Each path runs on every side one after the other (a warm-up, then the measurement), so the sides of a ratio are
 * measured back to back. CPU per unit: the service processes, every server's processes (live and reaped backends)
 * and this driver, from /proc. Writes docs/benchmarks/citus.md (sections citus-overhead, citus-scale; with
 * {@code --paths}, only those paths, into sections of their own, e.g. citus-overhead-scan, so a run of one path
 * leaves the full tables as they are).
 */
public final class CitusBenchmark {
  static final int BATCH_SIZE = 1000;
  static final int BATCH_CLIENTS = 4;
  static final int CLIENTS = 16;
  static final int SCAN_PARCELS = 1000;
  /** The default disclosure budgets: 5 reveals per parcel, 300 per courier a day. */
  static final int PARCELS_PER_COURIER = 60;
  static final int REVEALS_PER_PARCEL = 5;
  private static final byte[] ARRIVED = "{\"type\":\"ARRIVED\"}".getBytes(StandardCharsets.UTF_8);
  private static final Path DOC = Path.of("docs/benchmarks/citus.md");

  enum Kind {
    BATCH("batch creation (1,000 per request, " + BATCH_CLIENTS + " clients)", "shipments/s"),
    READ("look-up: GET /v1/shipments/{waybill}, " + CLIENTS + " clients", "requests/s"),
    SCAN("scan: POST /v1/shipments/{waybill}/events, " + CLIENTS + " clients", "requests/s"),
    REVEAL("reveal (budget, audit append, decrypt), " + CLIENTS + " clients", "requests/s");

    final String what;
    final String unit;

    Kind(String what, String unit) {
      this.what = what;
      this.unit = unit;
    }
  }

  private final int seconds;
  private final int warmup;
  private final int couriersPerClient;
  private final String masterKey;
  /** The paths measured: all unless --paths names some. */
  private final List<Kind> paths;

  private CitusBenchmark(int seconds, int warmup, int couriersPerClient, List<Kind> paths) {
    this.seconds = seconds;
    this.warmup = warmup;
    this.couriersPerClient = couriersPerClient;
    this.paths = paths;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.masterKey = Base64.getEncoder().encodeToString(key);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>(Map.of("--seconds", "10", "--warmup", "10", "--couriers", "3",
        "--only", "both", "--paths", "batch,read,scan,reveal"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!opts.containsKey(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      opts.put(args[i], args[i + 1]);
    }
    if (!CitusCluster.installed()) {
      throw new IllegalStateException("Citus is not installed (../shared/citus/install-citus)");
    }
    List<Kind> paths = Stream.of(opts.get("--paths").split(","))
        .map(p -> Kind.valueOf(p.trim().toUpperCase(java.util.Locale.ROOT))).toList();
    CitusBenchmark b = new CitusBenchmark(Integer.parseInt(opts.get("--seconds")),
        Integer.parseInt(opts.get("--warmup")), Integer.parseInt(opts.get("--couriers")), paths);
    String only = opts.get("--only");
    // A run of some paths only writes sections of its own: the full tables stay as the last full run left them.
    String suffix = paths.size() == Kind.values().length ? ""
        : "-" + String.join("-", paths.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toList());
    try {
      if (!only.equals("scale")) {
        ResultsSection.write(DOC, "citus-overhead" + suffix, b.overhead());
      }
      if (!only.equals("overhead")) {
        ResultsSection.write(DOC, "citus-scale" + suffix, b.scale());
      }
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static CitusCluster.Config servers(int workers, boolean citus) {
    return new CitusCluster.Config(workers, citus, true, 32, "256MB");
  }

  /** Plain PostgreSQL against Citus with one worker, all free to use both cores. */
  String overhead() throws Exception {
    String load0 = ResultsSection.loadAverage();
    List<Kind> kinds = chosen(List.of(Kind.BATCH, Kind.READ, Kind.SCAN, Kind.REVEAL));
    try (CitusCluster plain = CitusCluster.start(servers(0, false));
        CitusCluster citus = CitusCluster.start(servers(1, true))) {
      DatabaseSettings onCitus = citus.fresh();
      try (Side p = Side.start("plain PostgreSQL", plain.postmasters(), List.of(plain.fresh()), masterKey, null);
          Side c = Side.start("Citus, node on the coordinator", citus.postmasters(), List.of(onCitus), masterKey,
              null);
          Side w = Side.start("Citus, node on the worker", citus.postmasters(),
              List.of(citus.onWorker(onCitus, 0)), masterKey, c.admin)) {
        List<Side> sides = List.of(p, c, w);
        for (Side s : sides) {
          s.prepare(couriersPerClient);
        }
        Map<Kind, List<Result>> results = measureAll(kinds, sides);
        StringBuilder out = header(load0, "Servers (each side the same): " + plain.describe() + "; Citus side: "
            + citus.describe() + ", a coordinator and one worker. Nothing pinned: servers, service and driver "
            + "share both cores.");
        table(out, kinds, sides, results);
        return out.toString();
      }
    }
  }

  /** One PostgreSQL on core 0 against Citus with two workers on cores 0 and 1. */
  String scale() throws Exception {
    String load0 = ResultsSection.loadAverage();
    List<Kind> kinds = chosen(List.of(Kind.BATCH, Kind.SCAN));
    try (CitusCluster plain = CitusCluster.start(servers(0, false));
        CitusCluster citus = CitusCluster.start(servers(2, true))) {
      plain.pin(-1, 0);
      citus.pin(0, 0);
      citus.pin(1, 1);
      DatabaseSettings onPlain = plain.fresh();
      DatabaseSettings onCitus = citus.fresh();
      String admin;
      // Nodes on workers start only once a node on the coordinator has migrated the database (docs/citus.md).
      try (Side migrating = Side.start("migration", citus.postmasters(), List.of(onCitus), masterKey, null)) {
        admin = migrating.admin;
      }
      try (Side p = Side.start("one PostgreSQL on core 0", plain.postmasters(), List.of(onPlain, onPlain),
              masterKey, null);
          Side c = Side.start("Citus, workers on cores 0 and 1", citus.postmasters(),
              List.of(citus.onWorker(onCitus, 0), citus.onWorker(onCitus, 1)), masterKey, admin)) {
        List<Side> sides = List.of(p, c);
        for (Side s : sides) {
          s.prepare(0);
        }
        Map<Kind, List<Result>> results = measureAll(kinds, sides);
        StringBuilder out = header(load0, "Servers (each side the same): " + plain.describe() + "; Citus side: "
            + citus.describe() + ". Plain: the server bound to core 0 (taskset), two service nodes on it. Citus: "
            + "worker 1 bound to core 0, worker 2 to core 1, the coordinator unbound (no service node uses it), "
            + "one service node on each worker. The service nodes and this driver are not bound: they share both "
            + "cores with the servers.");
        table(out, kinds, sides, results);
        return out.toString();
      }
    }
  }

  /** Of a measurement's {@code kinds}, those --paths names. */
  private List<Kind> chosen(List<Kind> kinds) {
    return kinds.stream().filter(paths::contains).toList();
  }

  /** Each path on every side, one side right after the other: a warm-up, then the measurement. */
  private Map<Kind, List<Result>> measureAll(List<Kind> kinds, List<Side> sides) throws Exception {
    Map<Kind, List<Result>> results = new HashMap<>();
    for (Kind k : kinds) {
      for (Side s : sides) {
        s.measure(k, warmup);
        Result r = s.measure(k, seconds);
        System.out.printf("%s, %s: %,.0f %s; CPU per unit: service %.0f µs, servers %.0f µs, driver %.0f µs; "
            + "load %s%n", k, s.name, r.rate(), k.unit, r.servicePerUnit(), r.serversPerUnit(), r.driverPerUnit(),
            r.load());
        results.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
    }
    return results;
  }

  private StringBuilder header(String load0, String servers) {
    return new StringBuilder(Machine.describe()).append("Load average (1 / 5 / 15 min) at the start: ")
        .append(load0).append(", at the end: ").append(ResultsSection.loadAverage()).append(".\n\n")
        .append(servers).append(" Each path: ").append(warmup).append(" s warm-up, then ").append(seconds)
        .append(" s measured, on each side in turn.\n\n");
  }

  private static void table(StringBuilder out, List<Kind> kinds, List<Side> sides, Map<Kind, List<Result>> results) {
    out.append("| path | unit |");
    for (int i = 0; i < sides.size(); i++) {
      out.append(' ').append(sides.get(i).name).append(" |").append(i == 0 ? "" : " ratio |");
    }
    out.append("\n|---|---|").append("---|".repeat(2 * sides.size() - 1)).append('\n');
    for (Kind k : kinds) {
      List<Result> rs = results.get(k);
      out.append("| ").append(k.what).append(" | ").append(k.unit).append(" |");
      for (int i = 0; i < rs.size(); i++) {
        out.append(String.format(" %,.0f |", rs.get(i).rate()));
        if (i > 0) {
          out.append(String.format(" **%.2f** |", rs.get(i).rate() / rs.get(0).rate()));
        }
      }
      out.append('\n');
    }
    out.append("\nCPU per unit (µs: the service processes / every server's processes / this driver) and cores busy "
        + "during the measurement (service / each server: coordinator first, then the workers); load average "
        + "(1 min) when the measurement began:\n\n| path | side | CPU per unit | cores busy | load |\n"
        + "|---|---|---|---|---|\n");
    for (Kind k : kinds) {
      List<Result> rs = results.get(k);
      for (int i = 0; i < rs.size(); i++) {
        Result r = rs.get(i);
        StringBuilder busy = new StringBuilder(String.format("%.2f /", r.serviceCpu() / r.seconds()));
        for (double server : r.perServer()) {
          busy.append(String.format(" %.2f", server / r.seconds()));
        }
        out.append(String.format("| %s | %s | %.0f / %.0f / %.0f | %s | %s |%n", k.name().toLowerCase(),
            sides.get(i).name, r.servicePerUnit(), r.serversPerUnit(), r.driverPerUnit(), busy,
            r.load().split(" ")[0]));
      }
    }
    out.append('\n');
  }

  /** One measurement: units done, wall time, CPU seconds of the service, of each server and of this driver. */
  record Result(long units, double seconds, double serviceCpu, double[] perServer, double driverCpu, String load) {
    double rate() {
      return units / seconds;
    }

    double servicePerUnit() {
      return serviceCpu / units * 1e6;
    }

    double serversPerUnit() {
      return java.util.Arrays.stream(perServer).sum() / units * 1e6;
    }

    double driverPerUnit() {
      return driverCpu / units * 1e6;
    }
  }

  /** One side of a comparison: its servers, its service nodes, and the principals and parcels the paths use. */
  static final class Side implements AutoCloseable {
    final String name;
    final List<Long> postmasters;
    final List<ServiceProcess> services = new ArrayList<>();
    final List<Path> dataDirs = new ArrayList<>();
    final List<LoadDriver> nodes = new ArrayList<>();
    String admin;
    String merchant;
    String origin;
    String desk;
    byte[] batch;
    List<String> scanParcels;
    /** Per client, the reveals it may make: each courier's parcels, five times over (its whole daily budget). */
    final List<List<LoadDriver.Delivery>> reveals = new ArrayList<>();
    final List<LoadDriver.Delivery> readable = new ArrayList<>();
    final int[] next = new int[CLIENTS];

    private Side(String name, List<Long> postmasters) {
      this.name = name;
      this.postmasters = postmasters;
    }

    /**
     * Starts a service node on each of {@code entries}, the first one first (it migrates). {@code admin} is an admin
     * token of a database another side set up already; null for a new database (its stations are created).
     */
    static Side start(String name, List<Long> postmasters, List<DatabaseSettings> entries, String masterKey,
        String admin) throws Exception {
      Side s = new Side(name, postmasters);
      try {
        for (DatabaseSettings db : entries) {
          Path data = Files.createTempDirectory("pv-citus-bench-");
          s.dataDirs.add(data);
          ServiceProcess p = ServiceProcess.start(Map.of("PARCELVEIL_MASTER_KEY", masterKey), "serve", "--port", "0",
              "--data", data.toString(), "--db-url", db.url(), "--db-user", db.user());
          s.services.add(p);
          s.nodes.add(new LoadDriver(p.awaitPort(java.time.Duration.ofMinutes(3))));
        }
        if (admin == null) {
          s.admin = Files.readString(s.dataDirs.get(0).resolve("admin.token")).trim();
          s.nodes.get(0).setUpNetwork(s.admin);
        } else {
          s.admin = admin;
        }
        return s;
      } catch (Exception | Error e) {
        s.close();
        throw e;
      }
    }

    /** The principals, parcels picked up for scans, and couriers with parcels out for delivery for reveals. */
    void prepare(int couriersPerClient) throws Exception {
      LoadDriver node = nodes.get(0);
      merchant = principal("merchant", "Bench shop", null).get("token").asText();
      origin = principal("station", "Binjiang desk", "HZ-BJ01").get("token").asText();
      desk = principal("station", "Xihu desk", "HZ-XH01").get("token").asText();
      batch = LoadDriver.batchBody(BATCH_SIZE);
      scanParcels = create(SCAN_PARCELS);
      // Picked up and arrived once: two clients' first scans of one parcel at once would race on its state
      // (PICKED_UP to IN_TRANSIT) and the loser would get a 409; from IN_TRANSIT on, scans do not conflict.
      parallel(scanParcels.stream().map(wb -> (Callable<Object>) () -> event(wb, origin, Map.of("type", "PICKED_UP"))
          + event(wb, origin, Map.of("type", "ARRIVED"))).toList());
      int couriers = couriersPerClient * CLIENTS;
      if (couriers == 0) {
        return;
      }
      List<String> parcels = create(couriers * PARCELS_PER_COURIER);
      List<Callable<Object>> steps = new ArrayList<>();
      for (int c = 0; c < couriers; c++) {
        JsonNode courier = principal("courier", "Bench courier " + c, "HZ-XH01");
        String id = courier.get("id").asText();
        String token = courier.get("token").asText();
        List<String> own = parcels.subList(c * PARCELS_PER_COURIER, (c + 1) * PARCELS_PER_COURIER);
        for (String wb : own) {
          steps.add(() -> event(wb, origin, Map.of("type", "PICKED_UP"))
              + event(wb, desk, Map.of("type", "OUT_FOR_DELIVERY", "courierId", id)));
          readable.add(new LoadDriver.Delivery(merchant, wb));
        }
        if (c < CLIENTS) {
          reveals.add(new ArrayList<>());
        }
        for (int round = 0; round < REVEALS_PER_PARCEL; round++) {
          for (String wb : own) {
            reveals.get(c % CLIENTS).add(new LoadDriver.Delivery(token, wb));
          }
        }
      }
      parallel(steps);
      System.out.printf("%s: %d parcels to scan, %d couriers with %d parcels out for delivery%n", name,
          scanParcels.size(), couriers, parcels.size());
    }

    private JsonNode principal(String role, String name, String station) throws Exception {
      Map<String, Object> body = new HashMap<>(Map.of("role", role, "name", name));
      if (station != null) {
        body.put("stationCode", station);
      }
      HttpResponse<String> r = nodes.get(0).post("/v1/principals", admin, body);
      LoadDriver.check(r, 201);
      return LoadDriver.json(r.body());
    }

    private List<String> create(int count) throws Exception {
      List<String> waybills = new ArrayList<>();
      while (waybills.size() < count) {
        for (JsonNode item : LoadDriver.json(nodes.get(0).batchResponse(merchant, batch).body()).get("results")) {
          if (waybills.size() < count) {
            waybills.add(item.get("waybill").asText());
          }
        }
      }
      return waybills;
    }

    private int event(String waybill, String token, Map<String, Object> body) throws Exception {
      LoadDriver.check(nodes.get(Math.floorMod(waybill.hashCode(), nodes.size())).post("/v1/shipments/" + waybill + "/events",
          token, body), 201);
      return 1;
    }

    /** Runs {@code kind} for {@code seconds} from its clients, spread over the service nodes. */
    Result measure(Kind kind, int seconds) throws Exception {
      int clients = kind == Kind.BATCH ? BATCH_CLIENTS : CLIENTS;
      IntFunction<LoadDriver.Call> calls = i -> {
        LoadDriver node = nodes.get(i % nodes.size());
        Random random = new Random(i);
        return switch (kind) {
          case BATCH -> () -> node.batch(merchant, batch, BATCH_SIZE);
          case READ -> () -> node.read(readable.get(random.nextInt(readable.size())));
          case SCAN -> () -> node.scan(new LoadDriver.Delivery(origin,
              scanParcels.get(random.nextInt(scanParcels.size()))), ARRIVED);
          case REVEAL -> () -> {
            List<LoadDriver.Delivery> mine = reveals.get(i);
            if (next[i] >= mine.size()) {
              throw new IllegalStateException("client " + i + " used its couriers' whole reveal budget: "
                  + "run with more --couriers");
            }
            return node.reveal(mine.get(next[i]++));
          };
        };
      };
      String load = ResultsSection.loadAverage();
      double service0 = serviceCpu();
      double[] servers0 = perServer();
      double driver0 = driverCpu();
      LoadDriver.driveEach(clients, seconds, calls);
      LoadDriver.Run run = LoadDriver.lastRun;
      double[] servers1 = perServer();
      double[] servers = new double[servers1.length];
      for (int i = 0; i < servers.length; i++) {
        servers[i] = servers1[i] - servers0[i];
      }
      return new Result(run.units(), run.seconds(), serviceCpu() - service0, servers, driverCpu() - driver0, load);
    }

    private double serviceCpu() {
      return services.stream().mapToDouble(p -> ProcessCpu.of(p.pid())).sum();
    }

    private double[] perServer() {
      return postmasters.stream().mapToDouble(pm -> ProcessCpu.servers(List.of(pm))).toArray();
    }

    private static double driverCpu() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1e9;
    }

    @Override
    public void close() throws Exception {
      for (ServiceProcess p : services) {
        p.close();
      }
      for (Path dir : dataDirs) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }

  /** Runs the set-up steps on {@link #CLIENTS} threads. */
  static void parallel(List<Callable<Object>> steps) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (Future<Object> f : pool.invokeAll(steps)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

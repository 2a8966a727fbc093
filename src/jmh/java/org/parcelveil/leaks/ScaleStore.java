package org.parcelveil.leaks;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Phone;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The generated store of {@link AttributionScale}: shipment n has waybill {@link #waybill}, recipient phone
 * {@link #phone} (with its real blind index), one allowed reveal in the audit log and one scan event. Loaded in bulk:
 * the secondary indexes are dropped first and built again after, as one would load a store this size, so that the
 * load takes minutes rather than hours; the indexes attribution then reads are the migrations' own.
 */
final class ScaleStore {
  static final int COURIERS = 2_000;
  static final int MERCHANTS = 500;
  /** The secondary indexes of the three tables (the migrations' names and columns), dropped while loading. */
  private static final List<String> INDEXES = List.of(
      "shipments_merchant ON shipments (merchant_id, created_at)",
      "shipments_recipient_phone ON shipments (recipient_phone_idx)",
      "shipments_sender_phone ON shipments (sender_phone_idx)",
      "shipments_retention ON shipments (retention_day)",
      "shipments_delivery_courier ON shipments (delivery_courier_id)",
      "shipments_pickup_courier ON shipments (pickup_courier_id)",
      "audit_entries_waybill ON audit_entries (waybill)");
  private static final int COPY_CHUNK = 50_000;

  private final DataSource dataSource;
  private final BlindIndex index;
  private final boolean postgres;
  private final byte[] cipher = new byte[60];
  private final byte[] nonce = new byte[16];
  private final Timestamp now = Timestamp.from(Instant.now());
  private final LocalDate retention = LocalDate.now().plusDays(30);

  ScaleStore(DataSource dataSource, BlindIndex index, boolean postgres) {
    this.dataSource = dataSource;
    this.index = index;
    this.postgres = postgres;
    new java.util.Random(7).nextBytes(cipher);
  }

  static String waybill(int n) {
    return String.format("PVB%013d", n);
  }

  static String phone(int n) {
    return "139" + String.format("%08d", n);
  }

  String phoneIndex(int n) {
    return index.of(Phone.parse("phone", phone(n)));
  }

  /** Adds shipments {@code from..to-1} with their reveal and scan event. */
  void load(int from, int to) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      indexes(c, false);
      if (postgres) {
        copy(c, from, to);
      } else {
        batches(c, from, to);
      }
      indexes(c, true);
    }
  }

  private static void indexes(Connection c, boolean create) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String i : INDEXES) {
        s.execute(create ? "CREATE INDEX " + i : "DROP INDEX IF EXISTS " + i.substring(0, i.indexOf(' ')));
      }
      if (create && c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
        s.execute("ANALYZE shipments");
        s.execute("ANALYZE audit_entries");
        s.execute("ANALYZE shipment_events");
      }
    }
  }

  /** PostgreSQL: COPY, the server's own bulk path, in chunks so the generated text stays small. */
  private void copy(Connection c, int from, int to) throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    String hexCipher = "\\\\x" + HexFormat.of().formatHex(cipher);
    String hexNonce = "\\\\x" + HexFormat.of().formatHex(nonce);
    String at = now.toInstant().toString();
    for (int lo = from; lo < to; lo += COPY_CHUNK) {
      int hi = Math.min(to, lo + COPY_CHUNK);
      StringBuilder ships = new StringBuilder();
      StringBuilder audit = new StringBuilder();
      StringBuilder events = new StringBuilder();
      for (int n = lo; n < hi; n++) {
        String w = waybill(n);
        String courier = courier(n);
        ships.append(w).append('\t').append(merchant(n)).append("\tR\tDELIVERED\t浙江省\t杭州市\t西湖区\t浙江省\t杭州市\t滨江区\t"
            + "HZH-HZ-BJ01\t1000\t").append(retention).append('\t').append(at).append('\t').append(at)
            .append("\tf\t").append(hexCipher).append('\t').append(hexCipher).append('\t').append(hexCipher)
            .append("\t1.sender").append(n % MERCHANTS).append('\t').append(hexCipher).append('\t').append(hexCipher)
            .append('\t').append(hexCipher).append('\t').append(phoneIndex(n)).append('\t').append(courier).append('\t')
            .append(at).append('\n');
        audit.append(AUDIT_BASE + n).append('\t').append(now.getTime() * 1000).append('\t').append(hexNonce)
            .append("\treveal\t").append(courier).append("\tcourier\t").append(w).append("\trecipient\tDELIVERY\tallowed\t")
            .append(hexNonce).append('\n');
        events.append(w).append("\t1\tOUT_FOR_DELIVERY\tHZ-BJ01\t").append(courier).append('\t').append(desk(n))
            .append('\t').append(at).append('\t').append(at).append('\n');
      }
      copy.copyIn("COPY shipments (" + SHIPMENT_COLUMNS + ") FROM STDIN", reader(ships));
      copy.copyIn("COPY audit_entries (" + AUDIT_COLUMNS + ") FROM STDIN", reader(audit));
      copy.copyIn("COPY shipment_events (" + EVENT_COLUMNS + ") FROM STDIN", reader(events));
    }
  }

  private static Reader reader(StringBuilder b) {
    return new StringReader(b.toString());
  }

  /** H2: batched inserts in large transactions (H2 has no bulk path that takes computed blind indexes). */
  private void batches(Connection c, int from, int to) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO shipments (" + SHIPMENT_COLUMNS + ") VALUES ("
            + marks(26) + ")");
        PreparedStatement a = c.prepareStatement("INSERT INTO audit_entries (" + AUDIT_COLUMNS + ") VALUES ("
            + marks(11) + ")");
        PreparedStatement e = c.prepareStatement("INSERT INTO shipment_events (" + EVENT_COLUMNS + ") VALUES ("
            + marks(8) + ")")) {
      for (int n = from; n < to; n++) {
        String w = waybill(n);
        String courier = courier(n);
        Object[] ship = {w, merchant(n), "R", "DELIVERED", "浙江省", "杭州市", "西湖区", "浙江省", "杭州市", "滨江区",
            "HZH-HZ-BJ01", 1000, retention, now, now, false, cipher, cipher, cipher, "1.sender" + (n % MERCHANTS),
            cipher, cipher, cipher, phoneIndex(n), courier, now};
        bind(s, ship);
        bind(a, new Object[] {AUDIT_BASE + n, now.getTime() * 1000, nonce, "reveal", courier, "courier", w,
            "recipient", "DELIVERY", "allowed", nonce});
        bind(e, new Object[] {w, 1, "OUT_FOR_DELIVERY", "HZ-BJ01", courier, desk(n), now, now});
        if ((n + 1) % 10_000 == 0) {
          flush(c, s, a, e);
        }
      }
      flush(c, s, a, e);
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
    ps.addBatch();
  }

  private static void flush(Connection c, PreparedStatement... statements) throws SQLException {
    for (PreparedStatement ps : statements) {
      ps.executeBatch();
    }
    c.commit();
  }

  private static String marks(int n) {
    return "?, ".repeat(n - 1) + "?";
  }

  static String courier(int n) {
    return "pr_courier" + (n % COURIERS);
  }

  private static String merchant(int n) {
    return "pr_merchant" + (n % MERCHANTS);
  }

  private static String desk(int n) {
    return "pr_desk" + (n % 200);
  }

  /** Audit indexes far above any the service appends while opening. */
  private static final long AUDIT_BASE = 10_000_000_000L;
  private static final String SHIPMENT_COLUMNS = "waybill, merchant_id, reference, state, origin_province, origin_city, "
      + "origin_district, dest_province, dest_city, dest_district, sort_code, weight_grams, retention_day, created_at, "
      + "updated_at, canary, sender_name, sender_phone, sender_detail, sender_phone_idx, recipient_name, "
      + "recipient_phone, recipient_detail, recipient_phone_idx, delivery_courier_id, assigned_at";
  private static final String AUDIT_COLUMNS = "idx, at_us, nonce, action, principal_id, principal_role, waybill, party, "
      + "purpose, outcome, tree_hashes";
  private static final String EVENT_COLUMNS = "waybill, seq, type, station_code, courier_id, principal_id, at, "
      + "recorded_at";
}

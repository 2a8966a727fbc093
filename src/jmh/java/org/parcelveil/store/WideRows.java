package org.parcelveil.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A row as wide as a shipment's: 11 columns, 616 bytes. Five text columns (key, waybill, reference, area, status) and
 * six byte columns standing for the sealed personal data, filled with random bytes as ciphertext is. A row may carry
 * a marker ({@code PVERASE-} and 16 hex digits) at the start of its reference and of four of its personal columns,
 * the columns an erasure clears, so the data directory can be searched for it byte by byte.
 */
final class WideRows {
  static final String MARKER_PREFIX = "PVERASE-";
  static final int MARKER_LENGTH = MARKER_PREFIX.length() + 16;
  static final String COLUMNS = "id, waybill, reference, area, status, sender_name, sender_phone, sender_address, "
      + "recipient_name, recipient_phone, recipient_address";
  /** The columns that hold the marker; an erasure sets them to NULL. */
  static final String[] MARKED = {"reference", "sender_name", "recipient_name", "recipient_phone", "recipient_address"};
  static final int ROW_BYTES = 26 + 16 + 24 + 12 + 10 + 64 + 40 + 160 + 64 + 40 + 160;

  private WideRows() {}

  static String createTable(Engine e, String table) {
    String t = e.textType();
    String b = e.bytesType();
    return "CREATE TABLE " + table + " (id " + t + " PRIMARY KEY, waybill " + t + " NOT NULL, reference " + t
        + ", area " + t + ", status " + t + ", sender_name " + b + ", sender_phone " + b + ", sender_address " + b
        + ", recipient_name " + b + ", recipient_phone " + b + ", recipient_address " + b + ")";
  }

  static String createIndex(String table) {
    return "CREATE INDEX " + table + "_waybill ON " + table + " (waybill)";
  }

  static String insert(String table) {
    return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  static String erase(String table) {
    return "UPDATE " + table + " SET " + String.join(" = NULL, ", MARKED) + " = NULL WHERE id = ?";
  }

  /** A status change that also rewrites the personal columns, as a re-sealing does: the row's size stays the same. */
  static String update(String table) {
    return "UPDATE " + table + " SET status = ?, sender_name = ?, recipient_name = ?, recipient_phone = ?, "
        + "recipient_address = ? WHERE id = ?";
  }

  static String marker(SplittableRandom r) {
    byte[] b = new byte[8];
    r.nextBytes(b);
    return MARKER_PREFIX + HexFormat.of().formatHex(b);
  }

  static String key(SplittableRandom r) {
    byte[] b = new byte[13];
    r.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Binds a new row with key {@code id}; {@code marker} may be null for an unmarked row. */
  static void bind(PreparedStatement ps, SplittableRandom r, String id, String marker) throws SQLException {
    ps.setString(1, id);
    ps.setString(2, key(r).substring(0, 16).toUpperCase(java.util.Locale.ROOT));
    ps.setString(3, marker != null ? marker : key(r).substring(0, 24));
    ps.setString(4, "330106-" + (10000 + r.nextInt(90000)));
    ps.setString(5, "CREATED___");
    ps.setBytes(6, bytes(r, 64, marker));
    ps.setBytes(7, bytes(r, 40, null));
    ps.setBytes(8, bytes(r, 160, null));
    ps.setBytes(9, bytes(r, 64, marker));
    ps.setBytes(10, bytes(r, 40, marker));
    ps.setBytes(11, bytes(r, 160, marker));
  }

  static void bindUpdate(PreparedStatement ps, SplittableRandom r, String id) throws SQLException {
    ps.setString(1, r.nextBoolean() ? "IN_TRANSIT" : "AT_STATION");
    ps.setBytes(2, bytes(r, 64, null));
    ps.setBytes(3, bytes(r, 64, null));
    ps.setBytes(4, bytes(r, 40, null));
    ps.setBytes(5, bytes(r, 160, null));
    ps.setString(6, id);
  }

  private static byte[] bytes(SplittableRandom r, int length, String marker) {
    byte[] b = new byte[length];
    r.nextBytes(b);
    if (marker != null) {
      byte[] m = marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(m, 0, b, 0, m.length);
    }
    return b;
  }
}

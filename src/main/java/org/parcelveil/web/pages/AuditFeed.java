package org.parcelveil.web.pages;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.StoreException;

/**
 * Reads audit entries for the security screen, straight from the log's table (read only), and encodes each as its
 * canonical leaf bytes (docs/audit.md) so the browser can hash it and check the inclusion proof itself.
 */
public final class AuditFeed {
  private static final String COLUMNS = "idx, at_us, nonce, action, principal_id, principal_role, waybill, party, "
      + "purpose, ticket, outcome, reason";
  private final DataSource dataSource;

  AuditFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One entry as the security screen lists it, with its canonical bytes in hex. */
  public record Entry(long index, Instant time, String action, String principalId, String principalRole,
      @Nullable String waybill, @Nullable String party, @Nullable String purpose, @Nullable String ticket,
      String outcome, @Nullable String reason, String leafHex) {

    public String timeText() {
      return time.toString().substring(0, 19).replace('T', ' ');
    }

    public boolean allowed() {
      return "allowed".equals(outcome);
    }
  }

  /** The newest {@code limit} entries, newest first. */
  List<Entry> latest(int limit) {
    return query("SELECT " + COLUMNS + " FROM audit_entries ORDER BY idx DESC FETCH FIRST " + limit + " ROWS ONLY");
  }

  /** Reveals (allowed and refused) since {@code since}, oldest first. */
  List<Entry> revealsSince(Instant since) {
    return query("SELECT " + COLUMNS + " FROM audit_entries WHERE action = 'reveal' AND at_us >= ? ORDER BY idx",
        micros(since));
  }

  private List<Entry> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read the audit log", e);
    }
  }

  private static Entry read(ResultSet rs) throws SQLException {
    long index = rs.getLong(1);
    long us = rs.getLong(2);
    byte[] nonce = rs.getBytes(3);
    String outcome = rs.getString(11);
    String[] f = {rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), rs.getString(10), rs.getString(12)};
    boolean allowed = "ALLOWED".equalsIgnoreCase(outcome) || "allowed".equals(outcome);
    byte[] leaf = canonical(index, us, nonce, f, allowed);
    Instant time = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    return new Entry(index, time, f[0], f[1], f[2], f[3], f[4], f[5], f[6], allowed ? "allowed" : "refused", f[7],
        HexFormat.of().formatHex(leaf));
  }

  /**
   * The entry's canonical bytes: version 1, index and time as big-endian 64-bit, the 16-byte nonce, action,
   * principal id and role as length-prefixed UTF-8, the optional fields with a presence byte, the outcome byte.
   */
  static byte[] canonical(long index, long micros, byte[] nonce, String[] f, boolean allowed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    out.write(1);
    writeLong(out, index);
    writeLong(out, micros);
    out.writeBytes(nonce);
    writeString(out, f[0]);
    writeString(out, f[1]);
    writeString(out, f[2]);
    for (int i = 3; i <= 6; i++) {
      writeOptional(out, f[i]);
    }
    out.write(allowed ? 0 : 1);
    writeOptional(out, f[7]);
    return out.toByteArray();
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.writeBytes(b);
  }

  private static void writeOptional(ByteArrayOutputStream out, @Nullable String s) {
    if (s == null) {
      out.write(0);
    } else {
      out.write(1);
      writeString(out, s);
    }
  }
}

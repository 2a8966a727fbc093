package org.parcelveil.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Read access to the log's entries for other features (the console's audit screen and charts), each with its
 * canonical leaf bytes, so a client can hash an entry and check its inclusion proof itself.
 */
public final class AuditEntries {
  private final DataSource dataSource;

  public AuditEntries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One entry as stored, with the bytes its Merkle leaf hashes. */
  public record Entry(long index, Instant time, AuditRecord record, byte[] leaf) {}

  /** The newest {@code limit} entries, newest first. */
  public List<Entry> latest(int limit) {
    return query("SELECT " + TreeStore.ENTRY_COLUMNS + " FROM audit_entries ORDER BY idx DESC FETCH FIRST "
        + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY");
  }

  /** Entries of one action since a time, oldest first. */
  public List<Entry> since(String action, Instant since) {
    return query("SELECT " + TreeStore.ENTRY_COLUMNS + " FROM audit_entries WHERE action = ? AND at_us >= ? ORDER BY idx",
        action, since.getEpochSecond() * 1_000_000L + since.getNano() / 1_000);
  }

  private List<Entry> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AuditEntry e = TreeStore.readEntry(rs);
          out.add(new Entry(e.index(), e.time(), e.record(), EntryCodec.encode(e)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit log could not be read", e);
    }
  }
}

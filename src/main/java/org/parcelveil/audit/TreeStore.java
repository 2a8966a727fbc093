package org.parcelveil.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The log's SQL: the head, and the entries with the tree nodes they store. Plain JDBC on a caller's connection, so callers own transactions. */
final class TreeStore {
  static final String ENTRY_COLUMNS =
      "idx, at_us, nonce, action, principal_id, principal_role, waybill, party, purpose, ticket, outcome, reason";
  private static final int IN_CHUNK = 500;

  private TreeStore() {}

  /** The sequencer's state: how many entries are committed, their root, and the log's origin once fixed. */
  record Head(long size, byte @Nullable [] root, @Nullable String origin) {
    byte[] rootOrEmpty() {
      return root == null ? Hashes.emptyRoot() : root;
    }
  }

  /** Takes the sequencer lock for the rest of the transaction. */
  static Head lockHead(Connection c) throws SQLException {
    return readHead(c, "SELECT tree_size, root_hash, origin FROM audit_head WHERE id = 1 FOR UPDATE");
  }

  /**
   * Takes the sequencer lock if the head is still as this writer last left it; false (lock not taken) if another
   * node moved it. An {@code UPDATE} rather than {@code SELECT ... FOR UPDATE}, which H2 parses afresh every time.
   */
  static boolean claimHead(Connection c, long size, byte[] root) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE audit_head SET updated_us = updated_us WHERE id = 1 AND tree_size = ? AND root_hash = ?")) {
      ps.setLong(1, size);
      ps.setBytes(2, root);
      return ps.executeUpdate() == 1;
    }
  }

  static Head head(Connection c) throws SQLException {
    return readHead(c, "SELECT tree_size, root_hash, origin FROM audit_head WHERE id = 1");
  }

  private static Head readHead(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the audit head row is missing");
      }
      return new Head(rs.getLong(1), rs.getBytes(2), rs.getString(3));
    }
  }

  static void updateHead(Connection c, long size, byte[] root, long micros) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE audit_head SET tree_size = ?, root_hash = ?, updated_us = ? WHERE id = 1")) {
      ps.setLong(1, size);
      ps.setBytes(2, root);
      ps.setLong(3, micros);
      ps.executeUpdate();
    }
  }

  /** Fixes the log's origin unless one is fixed already; returns the origin in force. */
  static String fixOrigin(Connection c, String origin) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE audit_head SET origin = ? WHERE id = 1 AND origin IS NULL")) {
      ps.setString(1, origin);
      ps.executeUpdate();
    }
    String fixed = head(c).origin();
    return fixed == null ? origin : fixed;
  }

  /** Moves the head from the state this writer last left it in; false (and no change) if another node moved it. */
  static boolean advanceHead(Connection c, long fromSize, byte[] fromRoot, long size, byte[] root, long micros)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET tree_size = ?, root_hash = ?, updated_us = ? "
        + "WHERE id = 1 AND tree_size = ? AND root_hash = ?")) {
      ps.setLong(1, size);
      ps.setBytes(2, root);
      ps.setLong(3, micros);
      ps.setLong(4, fromSize);
      ps.setBytes(5, fromRoot);
      return ps.executeUpdate() == 1;
    }
  }

  /** The stored hashes of the named nodes (see {@link NodeIds}); a node whose row is missing is left out. */
  static Map<Long, byte[]> nodes(Connection c, Collection<Long> ids) throws SQLException {
    Map<Long, byte[]> rows = treeHashes(c, ids.stream().map(NodeIds::row).distinct().toList());
    Map<Long, byte[]> out = new HashMap<>();
    for (long id : ids) {
      byte[] hashes = rows.get(NodeIds.row(id));
      int offset = NodeIds.level(id) * Hashes.SIZE;
      if (hashes != null && hashes.length >= offset + Hashes.SIZE) {
        out.put(id, Arrays.copyOfRange(hashes, offset, offset + Hashes.SIZE));
      }
    }
    return out;
  }

  /** {@code count} consecutive hashes of one tree level, starting at {@code start}; fewer if some are missing. */
  static List<byte[]> nodeRange(Connection c, int level, long start, int count) throws SQLException {
    List<Long> ids = new ArrayList<>(count);
    for (long i = start; i < start + count; i++) {
      ids.add(NodeIds.id(level, i));
    }
    Map<Long, byte[]> nodes = nodes(c, ids);
    List<byte[]> out = new ArrayList<>(count);
    for (long id : ids) {
      byte[] hash = nodes.get(id);
      if (hash == null) {
        break;
      }
      out.add(hash);
    }
    return out;
  }

  private static Map<Long, byte[]> treeHashes(Connection c, List<Long> rows) throws SQLException {
    Map<Long, byte[]> out = new HashMap<>();
    for (int from = 0; from < rows.size(); from += IN_CHUNK) {
      List<Long> chunk = rows.subList(from, Math.min(rows.size(), from + IN_CHUNK));
      String sql = "SELECT idx, tree_hashes FROM audit_entries WHERE idx IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), rs.getBytes(2));
          }
        }
      }
    }
    return out;
  }

  /** An entry as stored: the entry and the tree hashes its append completed. */
  record Row(AuditEntry entry, byte[] treeHashes) {}

  static void insertEntries(Connection c, List<Row> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_entries (" + ENTRY_COLUMNS + ", tree_hashes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Row row : rows) {
        AuditEntry e = row.entry();
        AuditRecord r = e.record();
        ps.setLong(1, e.index());
        ps.setLong(2, e.timeMicros());
        ps.setBytes(3, e.nonce());
        ps.setString(4, r.action());
        ps.setString(5, r.principalId());
        ps.setString(6, r.principalRole());
        setNullable(ps, 7, r.waybill());
        setNullable(ps, 8, r.party());
        setNullable(ps, 9, r.purpose());
        setNullable(ps, 10, r.ticket());
        ps.setString(11, r.outcome().wireName());
        setNullable(ps, 12, r.reason());
        ps.setBytes(13, row.treeHashes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Entries {@code [start, end)} in index order. */
  static List<AuditEntry> entries(Connection c, long start, long end) throws SQLException {
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + ENTRY_COLUMNS + " FROM audit_entries WHERE idx >= ? AND idx < ? ORDER BY idx")) {
      ps.setLong(1, start);
      ps.setLong(2, end);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(readEntry(rs));
        }
      }
    }
    return out;
  }

  /** Reads a row selected with {@link #ENTRY_COLUMNS}; a row that cannot be an entry fails with its index. */
  static AuditEntry readEntry(ResultSet rs) throws SQLException {
    long index = rs.getLong(1);
    try {
      AuditRecord.Outcome outcome = switch (rs.getString(11)) {
        case "allowed" -> AuditRecord.Outcome.ALLOWED;
        case "refused" -> AuditRecord.Outcome.REFUSED;
        default -> throw new IllegalArgumentException("unknown outcome");
      };
      AuditRecord record = new AuditRecord(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
          rs.getString(8), rs.getString(9), rs.getString(10), outcome, rs.getString(12));
      byte[] nonce = rs.getBytes(3);
      return new AuditEntry(index, EntryCodec.fromMicros(rs.getLong(2)), nonce == null ? new byte[0] : nonce, record);
    } catch (RuntimeException e) {
      throw new MalformedEntryException(index, e);
    }
  }

  /** A stored row that cannot be read back as an entry: evidence of tampering, named by its index. */
  static final class MalformedEntryException extends RuntimeException {
    final long index;

    MalformedEntryException(long index, Throwable cause) {
      super("entry " + index + " is malformed", cause);
      this.index = index;
    }
  }

  private static void setNullable(PreparedStatement ps, int i, @Nullable String value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, value);
    }
  }
}

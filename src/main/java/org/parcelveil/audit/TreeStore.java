package org.parcelveil.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.StoreException;
import org.parcelveil.tlog.Hashes;

/** The log's SQL: the head, and the entries with the tree nodes they store. On a caller's handle, so callers own transactions. */
final class TreeStore {
  static final String ENTRY_COLUMNS =
      "idx, at_us, nonce, action, principal_id, principal_role, waybill, party, purpose, ticket, outcome, reason";
  /** A row selected with {@link #ENTRY_COLUMNS}. */
  static final RowMapper<AuditEntry> ENTRY = (rs, ctx) -> readEntry(rs);
  private static final RowMapper<Head> HEAD = (rs, ctx) -> new Head(rs.getLong("tree_size"),
      rs.getBytes("root_hash"), rs.getString("origin"));
  private static final int IN_CHUNK = 500;

  private TreeStore() {}

  /** The sequencer's state: how many entries are committed, their root, and the log's origin once fixed. */
  record Head(long size, byte @Nullable [] root, @Nullable String origin) {
    byte[] rootOrEmpty() {
      return root == null ? Hashes.emptyRoot() : root;
    }
  }

  /** Takes the sequencer lock for the rest of the transaction. */
  static Head lockHead(Handle h) {
    return readHead(h, "SELECT tree_size, root_hash, origin FROM audit_head WHERE id = 1 FOR UPDATE");
  }

  /**
   * Takes the sequencer lock if the head is still as this writer last left it; false (lock not taken) if another
   * node moved it. An {@code UPDATE} rather than {@code SELECT ... FOR UPDATE}, which H2 parses afresh every time.
   */
  static boolean claimHead(Handle h, long size, byte[] root) {
    return h.createUpdate("UPDATE audit_head SET updated_us = updated_us WHERE id = 1 AND tree_size = :size "
            + "AND root_hash = :root")
        .bind("size", size).bind("root", root).execute() == 1;
  }

  static Head head(Handle h) {
    return readHead(h, "SELECT tree_size, root_hash, origin FROM audit_head WHERE id = 1");
  }

  private static Head readHead(Handle h, String sql) {
    return h.createQuery(sql).map(HEAD).findOne()
        .orElseThrow(() -> new StoreException("the audit head row is missing", null));
  }

  static void updateHead(Handle h, long size, byte[] root, long micros) {
    h.createUpdate("UPDATE audit_head SET tree_size = :size, root_hash = :root, updated_us = :micros WHERE id = 1")
        .bind("size", size).bind("root", root).bind("micros", micros).execute();
  }

  /** Fixes the log's origin unless one is fixed already; returns the origin in force. */
  static String fixOrigin(Handle h, String origin) {
    h.createUpdate("UPDATE audit_head SET origin = :origin WHERE id = 1 AND origin IS NULL")
        .bind("origin", origin).execute();
    String fixed = head(h).origin();
    return fixed == null ? origin : fixed;
  }

  /** Moves the head from the state this writer last left it in; false (and no change) if another node moved it. */
  static boolean advanceHead(Handle h, long fromSize, byte[] fromRoot, long size, byte[] root, long micros) {
    return h.createUpdate("UPDATE audit_head SET tree_size = :size, root_hash = :root, updated_us = :micros "
            + "WHERE id = 1 AND tree_size = :fromSize AND root_hash = :fromRoot")
        .bind("size", size).bind("root", root).bind("micros", micros).bind("fromSize", fromSize)
        .bind("fromRoot", fromRoot).execute() == 1;
  }

  /** The stored hashes of the named nodes (see {@link NodeIds}); a node whose row is missing is left out. */
  static Map<Long, byte[]> nodes(Handle h, Collection<Long> ids) {
    Map<Long, byte[]> rows = treeHashes(h, ids.stream().map(NodeIds::row).distinct().toList());
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
  static List<byte[]> nodeRange(Handle h, int level, long start, int count) {
    List<Long> ids = new ArrayList<>(count);
    for (long i = start; i < start + count; i++) {
      ids.add(NodeIds.id(level, i));
    }
    Map<Long, byte[]> nodes = nodes(h, ids);
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

  private static Map<Long, byte[]> treeHashes(Handle h, List<Long> rows) {
    Map<Long, byte[]> out = new HashMap<>();
    for (int from = 0; from < rows.size(); from += IN_CHUNK) {
      List<Long> chunk = rows.subList(from, Math.min(rows.size(), from + IN_CHUNK));
      h.createQuery("SELECT idx, tree_hashes FROM audit_entries WHERE idx IN (<rows>)")
          .bindList("rows", chunk)
          .map((rs, ctx) -> Map.entry(rs.getLong("idx"), rs.getBytes("tree_hashes")))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** An entry as stored: the entry and the tree hashes its append completed. */
  record Row(AuditEntry entry, byte[] treeHashes) {}

  static void insertEntries(Handle h, List<Row> rows) {
    PreparedBatch batch = h.prepareBatch("INSERT INTO audit_entries (" + ENTRY_COLUMNS + ", tree_hashes) VALUES "
        + "(:idx, :atUs, :nonce, :action, :principalId, :principalRole, :waybill, :party, :purpose, :ticket, "
        + ":outcome, :reason, :treeHashes)");
    for (Row row : rows) {
      AuditEntry e = row.entry();
      AuditRecord r = e.record();
      batch.bind("idx", e.index()).bind("atUs", e.timeMicros()).bind("nonce", e.nonce())
          .bind("action", r.action()).bind("principalId", r.principalId()).bind("principalRole", r.principalRole())
          .bind("waybill", r.waybill()).bind("party", r.party()).bind("purpose", r.purpose())
          .bind("ticket", r.ticket()).bind("outcome", r.outcome().wireName()).bind("reason", r.reason())
          .bind("treeHashes", row.treeHashes()).add();
    }
    if (!rows.isEmpty()) {
      batch.execute();
    }
  }

  /** Entries {@code [start, end)} in index order. */
  static List<AuditEntry> entries(Handle h, long start, long end) {
    return h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM audit_entries WHERE idx >= :start AND idx < :end "
            + "ORDER BY idx")
        .bind("start", start).bind("end", end).map(ENTRY).list();
  }

  /**
   * The newest {@code limit} entries that name one of {@code waybills} and either no party or one of {@code parties},
   * newest first (by the waybill index).
   */
  static List<AuditEntry> entriesAbout(Handle h, Collection<String> waybills, Collection<String> parties, int limit) {
    if (waybills.isEmpty() || parties.isEmpty()) {
      return List.of();
    }
    return h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM audit_entries WHERE waybill IN (<waybills>) "
            + "AND (party IS NULL OR party IN (<parties>)) ORDER BY idx DESC LIMIT :limit")
        .bindList("waybills", List.copyOf(waybills)).bindList("parties", List.copyOf(parties))
        .bind("limit", limit).map(ENTRY).list();
  }

  /** Reads a row selected with {@link #ENTRY_COLUMNS}; a row that cannot be an entry fails with its index. */
  static AuditEntry readEntry(ResultSet rs) throws SQLException {
    long index = rs.getLong("idx");
    try {
      AuditRecord.Outcome outcome = switch (rs.getString("outcome")) {
        case "allowed" -> AuditRecord.Outcome.ALLOWED;
        case "refused" -> AuditRecord.Outcome.REFUSED;
        default -> throw new IllegalArgumentException("unknown outcome");
      };
      AuditRecord record = new AuditRecord(rs.getString("action"), rs.getString("principal_id"),
          rs.getString("principal_role"), rs.getString("waybill"), rs.getString("party"), rs.getString("purpose"),
          rs.getString("ticket"), outcome, rs.getString("reason"));
      byte[] nonce = rs.getBytes("nonce");
      return new AuditEntry(index, EntryCodec.fromMicros(rs.getLong("at_us")), nonce == null ? new byte[0] : nonce,
          record);
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
}

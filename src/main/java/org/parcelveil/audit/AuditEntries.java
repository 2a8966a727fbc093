package org.parcelveil.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;

/**
 * Read access to the log's entries for other features (the console's audit screen and charts, leak attribution, the
 * dormant-account detector), each entry with its canonical leaf bytes, so a client can hash an entry and check its
 * inclusion proof itself.
 */
public final class AuditEntries {
  private static final int IN_CHUNK = 500;
  private static final RowMapper<Entry> ENTRY = (rs, ctx) -> {
    AuditEntry e = TreeStore.readEntry(rs);
    return new Entry(e.index(), e.time(), e.record(), EntryCodec.encode(e));
  };
  private final Sql sql;

  public AuditEntries(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** One entry as stored, with the bytes its Merkle leaf hashes. */
  public record Entry(long index, Instant time, AuditRecord record, byte[] leaf) {}

  /** An allowed reveal of a shipment's party: who saw it, which party, when. */
  public record Reveal(String waybill, String principalId, String party, Instant at) {}

  /** The newest {@code limit} entries, newest first. */
  public List<Entry> latest(int limit) {
    return read(h -> h.createQuery("SELECT " + TreeStore.ENTRY_COLUMNS + " FROM audit_entries ORDER BY idx DESC "
            + "FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")
        .map(ENTRY).list());
  }

  /** Entries of one action since a time, oldest first. */
  public List<Entry> since(String action, Instant since) {
    return read(h -> h.createQuery("SELECT " + TreeStore.ENTRY_COLUMNS + " FROM audit_entries "
            + "WHERE action = :action AND at_us >= :since ORDER BY idx")
        .bind("action", action).bind("since", EntryCodec.micros(since)).map(ENTRY).list());
  }

  /** The allowed reveals of these shipments. */
  public List<Reveal> allowedReveals(Collection<String> waybills) {
    List<String> all = new ArrayList<>(waybills);
    List<Reveal> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      List<String> part = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
      out.addAll(sql.withHandle("could not read reveals from the audit log", h -> h.createQuery(
              "SELECT waybill, principal_id, party, at_us FROM audit_entries "
                  + "WHERE waybill IN (<waybills>) AND action = 'reveal' AND outcome = 'allowed'")
          .bindList("waybills", part)
          .map((rs, ctx) -> new Reveal(rs.getString("waybill"), rs.getString("principal_id"), rs.getString("party"),
              EntryCodec.fromMicros(rs.getLong("at_us"))))
          .list()));
    }
    return out;
  }

  /** Each principal's latest entry time. */
  public Map<String, Instant> lastActivity() {
    return sql.withHandle("could not read the principals' last activity", h -> {
      Map<String, Instant> out = new HashMap<>();
      h.createQuery("SELECT principal_id, MAX(at_us) AS last_us FROM audit_entries GROUP BY principal_id")
          .map((rs, ctx) -> Map.entry(rs.getString("principal_id"), EntryCodec.fromMicros(rs.getLong("last_us"))))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    });
  }

  private <R> R read(Function<Handle, R> work) {
    try {
      return sql.withHandle("the audit log could not be read", work::apply);
    } catch (StoreException e) {
      throw new AuditUnavailableException("the audit log could not be read", e);
    }
  }
}

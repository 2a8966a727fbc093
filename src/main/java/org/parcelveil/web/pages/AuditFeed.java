package org.parcelveil.web.pages;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.audit.AuditEntries;
import org.parcelveil.audit.AuditRecord;

/**
 * Reads audit entries for the security screen through the log's own reader, with each entry's canonical leaf bytes
 * (docs/audit.md) so the browser can hash it and check the inclusion proof itself.
 */
public final class AuditFeed {
  private final AuditEntries entries;

  AuditFeed(DataSource dataSource) {
    this.entries = new AuditEntries(dataSource);
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
    return entries.latest(limit).stream().map(AuditFeed::view).toList();
  }

  /** Reveals (allowed and refused) since {@code since}, oldest first. */
  List<Entry> revealsSince(Instant since) {
    return entries.since("reveal", since).stream().map(AuditFeed::view).toList();
  }

  private static Entry view(AuditEntries.Entry e) {
    AuditRecord r = e.record();
    return new Entry(e.index(), e.time(), r.action(), r.principalId(), r.principalRole(), r.waybill(), r.party(),
        r.purpose(), r.ticket(), r.outcome().wireName(), r.reason(), HexFormat.of().formatHex(e.leaf()));
  }
}

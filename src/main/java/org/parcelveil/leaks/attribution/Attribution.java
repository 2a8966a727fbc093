package org.parcelveil.leaks.attribution;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditReceipt;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.AlertSink;
import org.parcelveil.leaks.alert.Severity;
import org.parcelveil.store.StoreException;

/**
 * Traces a leaked list back to the accounts and channels it most likely came from. A run is audit-logged
 * ({@code attribution.run}); only its counts and the matched waybills are stored, never the uploaded records. A
 * canary found in the list raises a critical alert naming its channel.
 */
public final class Attribution {
  public static final int MAX_SUSPECTS = 20;
  static final int MAX_EVIDENCE = 10;
  private final DataSource dataSource;
  private final ExposureSource source;
  private final AuditLog audit;
  private final AlertSink alerts;
  private final double p;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Attribution(DataSource dataSource, ExposureSource source, AuditLog audit, AlertSink alerts, double p,
      Clock clock) {
    this.dataSource = dataSource;
    this.source = source;
    this.audit = audit;
    this.alerts = alerts;
    this.p = p;
    this.clock = clock;
  }

  /** A run fed chunk by chunk (a big file), then finished. */
  public Ranking begin() {
    return new Ranking(source, p, MAX_EVIDENCE);
  }

  /** Logs, stores and reports a finished run, for {@code actorId} in {@code actorRole}. */
  public AttributionReport finish(Ranking run, String actorId, String actorRole) {
    byte[] id = new byte[10];
    random.nextBytes(id);
    String runId = "at_" + HexFormat.of().formatHex(id);
    AuditReceipt receipt = audit.append(AuditRecord.admin("attribution.run", actorId, actorRole,
        runId + " records=" + run.records() + " matched=" + run.matched() + " unmatched=" + run.unmatched()));
    List<Suspect> suspects = run.suspects(MAX_SUSPECTS);
    store(runId, actorId, run, suspects.isEmpty() ? null : suspects.get(0).agent().toString(), receipt.index());
    Instant now = clock.instant();
    for (Map.Entry<String, String> hit : run.canaryHits().entrySet()) {
      alerts.raise(new AlertDraft(Severity.CRITICAL, "canary_in_leak", null, hit.getKey(), "canary of channel "
          + hit.getValue() + " found in an uploaded leaked list (attribution run " + runId + ")", now,
          "canary_in_leak|" + runId + "|" + hit.getKey()));
    }
    return new AttributionReport(runId, run.records(), run.matched(), run.unmatched(), suspects,
        List.copyOf(run.canaryHits().keySet()), receipt.index());
  }

  private void store(String runId, String actorId, Ranking run, String top, long auditIndex) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO leak_attribution_runs (id, principal_id, at, "
              + "records, matched, unmatched, top_suspect, audit_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement m = c.prepareStatement(
              "INSERT INTO leak_attribution_matches (run_id, waybill) VALUES (?, ?)")) {
        ps.setString(1, runId);
        ps.setString(2, actorId);
        ps.setTimestamp(3, Timestamp.from(clock.instant()));
        ps.setInt(4, run.records());
        ps.setInt(5, run.matched());
        ps.setInt(6, run.unmatched());
        ps.setString(7, top);
        ps.setLong(8, auditIndex);
        ps.executeUpdate();
        int n = 0;
        for (String w : run.matchedWaybills()) {
          m.setString(1, runId);
          m.setString(2, w);
          m.addBatch();
          if (++n % 1000 == 0) {
            m.executeBatch();
          }
        }
        m.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not store the attribution run", e);
    }
  }
}

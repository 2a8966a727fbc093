package org.parcelveil.leaks.attribution;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditReceipt;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.AlertSink;
import org.parcelveil.leaks.alert.Severity;

/**
 * Traces a leaked list back to the accounts and channels it most likely came from. Every shipment and party a run
 * matched is audit-logged ({@code attribution.match}), then the run itself ({@code attribution.run}, or
 * {@code attribution.hold} when it is kept back for an admin); only counts, the result and the matched waybills are
 * stored, never the uploaded records. A canary found in the list raises a critical alert naming its channel; a run
 * shaped like a sweep of a number range raises a high one naming its requester.
 */
public final class Attribution {
  public static final int MAX_SUSPECTS = 20;
  private final RunLedger ledger;
  private final ExposureSource source;
  private final AuditLog audit;
  private final AlertSink alerts;
  private final double p;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Attribution(DataSource dataSource, ExposureSource source, AuditLog audit, AlertSink alerts, double p,
      Clock clock) {
    this.ledger = new RunLedger(dataSource);
    this.source = source;
    this.audit = audit;
    this.alerts = alerts;
    this.p = p;
    this.clock = clock;
  }

  /** How an admin's approval of a held run went. */
  public enum Approval {
    APPROVED,
    NOT_FOUND,
    OWN_RUN,
    NOT_PENDING
  }

  /** A run fed chunk by chunk (a big file), then finished. */
  public Ranking begin() {
    return new Ranking(source, p);
  }

  /**
   * Logs, stores and reports a finished run of the operator's command line, which holds the store's keys and is not
   * bounded: the report is released at once.
   */
  public AttributionReport finish(Ranking run, String actorId, String actorRole) {
    return finish(run, actorId, actorRole, null);
  }

  /**
   * Logs, stores and reports a finished run for a person within {@code bounds}: past them the report is stored with
   * status pending, for {@link #approve} by another principal, and its requester gets only that.
   */
  public AttributionReport finish(Ranking run, String actorId, String actorRole, @Nullable AttributionBounds bounds) {
    byte[] id = new byte[10];
    random.nextBytes(id);
    String runId = "at_" + HexFormat.of().formatHex(id);
    // Each matched shipment and party is on the log before anything else happens, held or not: the look-up itself
    // is what a sweep is after.
    audit.appendAll(run.matches().stream().map(m -> new AuditRecord("attribution.match", actorId, actorRole,
        m.waybill(), m.party(), null, null, AuditRecord.Outcome.ALLOWED, runId)).toList());
    boolean sweep = bounds != null && bounds.isSweep(run.shape());
    String hold = sweep ? "sweep" : bounds != null && run.records() > bounds.approvalRecords() ? "records" : null;
    String counts = " records=" + run.records() + " matched=" + run.matched() + " unmatched=" + run.unmatched();
    Instant now = clock.instant();
    AuditReceipt receipt;
    if (bounds != null && hold == null) {
      LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
      AuditLog.Conditional logged = audit.appendIf(AuditRecord.admin("attribution.run", actorId, actorRole,
              runId + counts),
          c -> RunLedger.spend(c, actorId, day, run.records(), run.matched(), bounds),
          AuditRecord.admin("attribution.hold", actorId, actorRole, runId + " daily_bound" + counts));
      receipt = logged.receipt();
      hold = logged.held() ? null : "daily_bound";
    } else {
      receipt = audit.append(AuditRecord.admin(hold == null ? "attribution.run" : "attribution.hold", actorId,
          actorRole, runId + (hold == null ? "" : " " + hold) + counts));
    }
    AttributionReport report = new AttributionReport(runId,
        hold == null ? AttributionReport.Status.RELEASED : AttributionReport.Status.PENDING, hold, run.records(),
        run.matched(), run.unmatched(), run.suspects(MAX_SUSPECTS), List.copyOf(run.canaryHits().keySet()),
        receipt.index());
    Set<String> waybills = new LinkedHashSet<>();
    run.matches().forEach(m -> waybills.add(m.waybill()));
    ledger.insert(actorId, now, report, waybills);
    for (Map.Entry<String, String> hit : run.canaryHits().entrySet()) {
      alerts.raise(new AlertDraft(Severity.CRITICAL, "canary_in_leak", null, hit.getKey(), "canary of channel "
          + hit.getValue() + " found in an uploaded leaked list (attribution run " + runId + ")", now,
          "canary_in_leak|" + runId + "|" + hit.getKey()));
    }
    if (sweep) {
      Ranking.Shape s = run.shape();
      alerts.raise(new AlertDraft(Severity.HIGH, "attribution_sweep", actorId, null, "attribution run " + runId
          + ": " + s.phoneRecords() + " phone records, " + s.unmatchedPhoneRecords() + " unmatched, up to "
          + s.largestPrefix() + " sharing one 7-digit prefix; held for an admin", now, "attribution_sweep|" + runId));
    }
    return report;
  }

  /**
   * Releases a held run to its requester, for {@code approverId}, who must be someone else. The approval is
   * audit-logged ({@code attribution.approve}) in the transaction that releases the run.
   */
  public Approval approve(String runId, String approverId, String approverRole) {
    Run run = ledger.find(runId).orElse(null);
    if (run == null) {
      return Approval.NOT_FOUND;
    }
    if (run.requesterId().equals(approverId)) {
      return Approval.OWN_RUN;
    }
    if (run.report().released()) {
      return Approval.NOT_PENDING;
    }
    Instant now = clock.instant();
    AuditLog.Conditional logged = audit.appendIf(
        AuditRecord.admin("attribution.approve", approverId, approverRole, runId),
        c -> RunLedger.release(c, runId, approverId, now),
        new AuditRecord("attribution.approve", approverId, approverRole, null, null, null, null,
            AuditRecord.Outcome.REFUSED, runId + " not pending"));
    return logged.held() ? Approval.APPROVED : Approval.NOT_PENDING;
  }

  /** A stored run with its requester, when it ran, and its report (held ones included: callers decide who sees). */
  public record Run(String requesterId, Instant at, AttributionReport report) {}

  public Optional<Run> find(String runId) {
    return ledger.find(runId);
  }

  /** Runs waiting for an admin, oldest first. */
  public List<Run> pending(int limit) {
    return ledger.pending(limit);
  }
}

package org.parcelveil.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What happened, as the caller reports it to the log: who did what to which shipment, for what purpose, and
 * whether it was allowed. People appear only as principal ids and shipments as waybills; never personal data.
 */
public record AuditRecord(String action, String principalId, String principalRole, @Nullable String waybill,
    @Nullable String party, @Nullable String purpose, @Nullable String ticket, Outcome outcome,
    @Nullable String reason) {

  public AuditRecord {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(principalRole, "principalRole");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** An allowed action with no shipment attached (e.g. {@code principal.create}). */
  public static AuditRecord admin(String action, String principalId, String principalRole, @Nullable String subject) {
    return new AuditRecord(action, principalId, principalRole, null, null, null, null, Outcome.ALLOWED, subject);
  }

  /** Whether the action was allowed or refused. */
  public enum Outcome {
    ALLOWED,
    REFUSED;

    public String wireName() {
      return this == ALLOWED ? "allowed" : "refused";
    }
  }
}

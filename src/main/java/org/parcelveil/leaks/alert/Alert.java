package org.parcelveil.leaks.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A raised alarm: what kind, how severe, whom and which shipment it concerns, and a detail that names counts,
 * thresholds and channels, never personal data.
 */
public record Alert(String id, Severity severity, String kind, @Nullable String principalId,
    @Nullable String waybill, String detail, Instant at, @Nullable Instant suspendedAt,
    @Nullable Instant acknowledgedAt) {

  /** A new alert, not yet acted on. */
  public Alert(String id, Severity severity, String kind, @Nullable String principalId, @Nullable String waybill,
      String detail, Instant at, @Nullable Instant suspendedAt) {
    this(id, severity, kind, principalId, waybill, detail, at, suspendedAt, null);
  }

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
    if (detail.length() > 400) {
      detail = detail.substring(0, 400);
    }
  }

  /** Suspended wins over acknowledged: it is the stronger act. */
  public AlertState state() {
    return suspendedAt != null ? AlertState.SUSPENDED
        : acknowledgedAt != null ? AlertState.ACKNOWLEDGED : AlertState.OPEN;
  }
}

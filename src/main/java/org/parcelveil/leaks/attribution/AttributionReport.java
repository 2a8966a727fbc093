package org.parcelveil.leaks.attribution;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an attribution run: whether it is released to its requester or held for an admin (and why), counts,
 * the ranked suspects, canaries found, and the run's audit entry. A held report is kept, never shown, until released.
 */
public record AttributionReport(String runId, Status status, @Nullable String holdReason, int records, int matched,
    int unmatched, List<Suspect> suspects, List<String> canaryWaybills, long auditIndex) {

  /** Released to its requester, or held until an admin approves it. */
  public enum Status {
    RELEASED,
    PENDING;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean released() {
    return status == Status.RELEASED;
  }
}

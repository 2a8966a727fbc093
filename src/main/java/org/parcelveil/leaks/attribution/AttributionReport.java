package org.parcelveil.leaks.attribution;

import java.util.List;

/** The outcome of an attribution run: counts, the ranked suspects, canaries found, and the run's audit entry. */
public record AttributionReport(String runId, int records, int matched, int unmatched, List<Suspect> suspects,
    List<String> canaryWaybills, long auditIndex) {}

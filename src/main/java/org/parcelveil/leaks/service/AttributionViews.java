package org.parcelveil.leaks.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.leaks.attribution.Attribution;
import org.parcelveil.leaks.attribution.AttributionReport;
import org.parcelveil.leaks.attribution.Evidence;
import org.parcelveil.leaks.attribution.Suspect;

/**
 * The shape of an attribution as the API sends it and the console shows it: counts and suspects with their evidence
 * in aggregate (how many leaked objects each held, and how), never a matched waybill or an uploaded value. A held run
 * shows its requester only that it is held, and why.
 */
public final class AttributionViews {
  private AttributionViews() {}

  public record EvidenceView(Map<String, Integer> how, String first, String last) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SuspectView(String principalId, String channel, String role, String name, double score, double weight,
      int certain, int covered, EvidenceView evidence) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReportView(String runId, String status, String reason, int records, Integer matched,
      Integer unmatched, List<SuspectView> suspects, List<String> canaries, long auditIndex) {

    public boolean pending() {
      return "pending".equals(status);
    }
  }

  /** A held run as the admins' queue shows it: counts and why it was held, no suspects. */
  public record HeldView(String runId, String requestedBy, String at, String reason, int records, int matched,
      int unmatched) {}

  static ReportView of(AttributionReport r, Principals principals) {
    if (!r.released()) {
      return new ReportView(r.runId(), r.status().wireName(), r.holdReason(), r.records(), null, null, null, null,
          r.auditIndex());
    }
    return new ReportView(r.runId(), r.status().wireName(), null, r.records(), r.matched(), r.unmatched(),
        r.suspects().stream().map(s -> suspect(s, principals)).toList(), r.canaryWaybills(), r.auditIndex());
  }

  static HeldView held(Attribution.Run run) {
    AttributionReport r = run.report();
    return new HeldView(r.runId(), run.requesterId(), run.at().toString(), r.holdReason(), r.records(), r.matched(),
        r.unmatched());
  }

  private static SuspectView suspect(Suspect s, Principals principals) {
    Principal p = s.agent().principalId() == null ? null : principals.find(s.agent().principalId()).orElse(null);
    return new SuspectView(s.agent().principalId(), s.agent().channel(), p == null ? null : p.role().wireName(),
        p == null ? null : p.name(), round(s.score()), round(s.weight()), s.certain(), s.covered(),
        evidence(s.evidence()));
  }

  private static EvidenceView evidence(Evidence e) {
    Map<String, Integer> how = new TreeMap<>();
    e.how().forEach((h, n) -> how.put(h.wireName(), n));
    return new EvidenceView(how, e.first().toString(), e.last().toString());
  }

  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}

package org.parcelveil.leaks.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.parcelveil.access.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.leaks.attribution.AttributionReport;
import org.parcelveil.leaks.attribution.Sighting;
import org.parcelveil.leaks.attribution.Suspect;

/**
 * The shape of an attribution as the API sends it and the console shows it: counts and suspects with their
 * evidence; no uploaded value is echoed.
 */
public final class AttributionViews {
  private AttributionViews() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EvidenceView(String waybill, String how, String party, String at) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SuspectView(String principalId, String channel, String role, String name, double score, double weight,
      int certain, int covered, List<EvidenceView> evidence) {}

  public record ReportView(String runId, int records, int matched, int unmatched, List<SuspectView> suspects,
      List<String> canaries, long auditIndex) {}

  static ReportView of(AttributionReport r, Principals principals) {
    return new ReportView(r.runId(), r.records(), r.matched(), r.unmatched(),
        r.suspects().stream().map(s -> suspect(s, principals)).toList(), r.canaryWaybills(), r.auditIndex());
  }

  private static SuspectView suspect(Suspect s, Principals principals) {
    Principal p = s.agent().principalId() == null ? null : principals.find(s.agent().principalId()).orElse(null);
    return new SuspectView(s.agent().principalId(), s.agent().channel(), p == null ? null : p.role().wireName(),
        p == null ? null : p.name(), round(s.score()), round(s.weight()), s.certain(), s.covered(),
        s.evidence().stream().map(AttributionViews::evidence).toList());
  }

  private static EvidenceView evidence(Sighting s) {
    return new EvidenceView(s.waybill(), s.how().wireName(), s.party(), s.at().toString());
  }

  static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}

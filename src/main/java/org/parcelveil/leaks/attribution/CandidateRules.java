package org.parcelveil.leaks.attribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who could have produced a leaked record (the model's V_t): for a record with a phone or a name, only agents that
 * saw the matching party in plain (its merchant, principals it was revealed to, a canary's channel); for a bare
 * waybill, everyone who held the label as well. The internal canary merchant is never a candidate: the store puts
 * the channel in its place.
 */
public final class CandidateRules {
  private CandidateRules() {}

  /** Each candidate with its earliest qualifying sighting. */
  public static Map<Agent, Sighting> holders(LeakRecord r, List<Exposure> exposures) {
    Map<Agent, Sighting> out = new LinkedHashMap<>();
    boolean personal = r.personal();
    for (Exposure e : exposures) {
      for (Sighting s : e.sightings()) {
        if (personal && (!s.how().plain() || !sameParty(e.party(), s.party()))) {
          continue;
        }
        out.merge(s.agent(), s, (a, b) -> rank(b) < rank(a) || rank(b) == rank(a) && b.at().isBefore(a.at()) ? b : a);
      }
    }
    return out;
  }

  private static boolean sameParty(String matched, String seen) {
    return matched == null || seen == null || matched.equals(seen);
  }

  /** Plain sightings make better evidence than label sightings. */
  private static int rank(Sighting s) {
    return s.how().plain() ? 0 : 1;
  }
}

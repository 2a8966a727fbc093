package org.parcelveil.app;

import java.util.Map;

/**
 * One sentence for each of the leak detectors' thresholds ({@code DetectorSettings}), for help and the README; a
 * threshold added there without a sentence here fails at start, so none goes undocumented. docs/leaks.md explains
 * each detector.
 */
final class DetectorDocs {
  private static final Map<String, String> DOCS = Map.ofEntries(
      Map.entry("zone", "The network's local time zone, for shifts and days."),
      Map.entry("cooldown", "Least time between two alerts of one kind for one principal or client."),
      Map.entry("refusalBurst", "Refusals (reveal or contact) within detect-refusal-window that raise refusal_burst."),
      Map.entry("refusalWindow", "Window of detect-refusal-burst."),
      Map.entry("outOfScope", "Distinct shipments outside a principal's scope tried within detect-out-of-scope-window "
          + "that raise out_of_scope."),
      Map.entry("outOfScopeWindow", "Window of detect-out-of-scope."),
      Map.entry("volumeK", "Robust standard deviations above both medians (own and peers') a reveal count must be "
          + "for reveal_volume."),
      Map.entry("volumeMinHour", "Least reveals in the trailing hour for reveal_volume."),
      Map.entry("volumeMinDay", "Least reveals in the day so far for reveal_volume."),
      Map.entry("baselineDays", "Days of history the volume baselines keep."),
      Map.entry("minOwnHours", "Active hours of own history before the own baseline counts (before, peers alone "
          + "decide)."),
      Map.entry("minPeerHours", "Pooled active hours of the peer group before reveal_volume judges at all."),
      Map.entry("harvestGrace", "Time within which a courier's reveal must be followed by its pick-up, delivery or "
          + "failed-delivery event."),
      Map.entry("harvestCount", "Courier reveals without such an event within detect-harvest-window that raise "
          + "harvest_pattern."),
      Map.entry("harvestWindow", "Window of detect-harvest-count."),
      Map.entry("shiftStart", "Start of the working day, in detect-zone."),
      Map.entry("shiftEnd", "End of the working day, in detect-zone."),
      Map.entry("offShiftCount", "Reveals outside the working day within detect-off-shift-window that raise off_shift."),
      Map.entry("offShiftWindow", "Window of detect-off-shift-count."),
      Map.entry("offShiftHistoryDays", "Days of a principal's history before off_shift judges it."),
      Map.entry("dormantAfter", "Time without any activity after which the first activity raises dormant_wake."),
      Map.entry("rentedClients", "Client addresses for one principal within detect-rented-window that raise "
          + "rented_account."),
      Map.entry("rentedWindow", "Window of detect-rented-clients."),
      Map.entry("trackingMisses", "Tracking misses from one client within detect-tracking-window that raise "
          + "tracking_enumeration."),
      Map.entry("trackingWindow", "Window of detect-tracking-misses."),
      Map.entry("probeNonMatches", "Non-matching verification verdicts within detect-probe-window that raise "
          + "verification_probe."),
      Map.entry("probeShare", "Least share (0 to 1) of the platform's verifications those verdicts must be."),
      Map.entry("probeWindow", "Window of detect-probe-non-matches."));

  private DetectorDocs() {}

  static String of(String component) {
    String doc = DOCS.get(component);
    if (doc == null) {
      throw new IllegalStateException("DetectorSettings." + component + " has no description in DetectorDocs");
    }
    return doc;
  }
}

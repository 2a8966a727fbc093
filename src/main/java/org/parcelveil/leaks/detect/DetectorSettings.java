package org.parcelveil.leaks.detect;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The detectors' thresholds (docs/leaks.md explains each). Counts within windows, and for volume a multiple of a
 * robust spread (median absolute deviation) above the principal's own and its peers' medians.
 *
 * @param zone the network's local time zone, for shifts and days
 * @param cooldown the least time between two alerts of one kind for one principal or client
 * @param volumeK how many robust standard deviations above the median a reveal count must be to alert
 * @param baselineDays how many days of history baselines keep
 * @param minOwnHours active hours of own history before the own baseline counts (before, peers alone decide)
 * @param minPeerHours active hours of the peer group's history before volume alerts are raised at all
 */
public record DetectorSettings(ZoneId zone, Duration cooldown,
    int refusalBurst, Duration refusalWindow,
    int outOfScope, Duration outOfScopeWindow,
    double volumeK, int volumeMinHour, int volumeMinDay, int baselineDays, int minOwnHours, int minPeerHours,
    Duration harvestGrace, int harvestCount, Duration harvestWindow,
    LocalTime shiftStart, LocalTime shiftEnd, int offShiftCount, Duration offShiftWindow, int offShiftHistoryDays,
    Duration dormantAfter,
    int rentedClients, Duration rentedWindow,
    int trackingMisses, Duration trackingWindow,
    int probeNonMatches, double probeShare, Duration probeWindow) {

  public static final DetectorSettings DEFAULTS = new DetectorSettings(ZoneId.of("Asia/Shanghai"), Duration.ofHours(6),
      5, Duration.ofMinutes(10),
      3, Duration.ofMinutes(60),
      4.0, 8, 40, 14, 40, 200,
      Duration.ofHours(3), 8, Duration.ofHours(24),
      LocalTime.of(6, 0), LocalTime.of(22, 0), 3, Duration.ofHours(2), 7,
      Duration.ofDays(14),
      4, Duration.ofMinutes(10),
      20, Duration.ofMinutes(10),
      20, 0.5, Duration.ofMinutes(60));

  public DetectorSettings {
    if (refusalBurst < 1 || outOfScope < 1 || harvestCount < 1 || offShiftCount < 1 || rentedClients < 2
        || trackingMisses < 1 || probeNonMatches < 1) {
      throw new IllegalArgumentException("every count threshold must be at least 1 (2 for rentedClients)");
    }
    if (volumeK <= 0 || probeShare <= 0 || probeShare > 1) {
      throw new IllegalArgumentException("volumeK must be positive and probeShare in (0, 1]");
    }
  }
}

package org.parcelveil.leaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.Severity;

/**
 * Reveal volume far above both the principal's own baseline and its peer group's (same role at the same station):
 * the reveals of the last hour and of the day so far against median + k × robust spread of past active hours and
 * days. Both must be exceeded, so a busy day for the whole station or a habitually fast courier does not alert;
 * a principal with too little history is judged by its peers alone.
 */
final class RevealVolume implements Detector {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final int MIN_OWN_DAYS = 5;
  private static final int MIN_PEER_DAYS = 20;

  private final DetectorSettings s;
  private final Map<String, Profile> profiles = new HashMap<>();
  private final Map<String, double[]> peers = new HashMap<>();
  private LocalDate peersOf;

  RevealVolume(DetectorSettings s) {
    this.s = s;
  }

  /** One principal's counts: the trailing hour, the day so far, and rings of past active hours and days. */
  private static final class Profile {
    final String group;
    final ArrayDeque<Instant> hour = new ArrayDeque<>();
    final Ring hours;
    final Ring days;
    long bucket = -1;
    int bucketMax;
    LocalDate day;
    int dayCount;
    double ownHour = Double.NaN;
    double ownDay = Double.NaN;

    Profile(String group, int baselineDays) {
      this.group = group;
      this.hours = new Ring(baselineDays * 24);
      this.days = new Ring(baselineDays);
    }
  }

  @Override
  public void onEvent(AccessEvent e, Consumer<AlertDraft> out) {
    if (e.kind() != AccessEvent.Kind.REVEAL || e.principalId() == null) {
      return;
    }
    Profile p = profiles.computeIfAbsent(e.principalId(),
        k -> new Profile(e.role() + "|" + e.stationCode(), s.baselineDays()));
    LocalDate today = LocalDate.ofInstant(e.at(), s.zone());
    roll(p, e.at(), today);
    if (!today.equals(peersOf)) {
      recomputePeers(today);
    }
    Instant from = e.at().minus(HOUR);
    while (!p.hour.isEmpty() && !p.hour.peekFirst().isAfter(from)) {
      p.hour.removeFirst();
    }
    p.hour.addLast(e.at());
    int inHour = p.hour.size();
    p.bucketMax = Math.max(p.bucketMax, inHour);
    p.dayCount++;
    double[] peer = peers.get(p.group);
    if (peer == null) {
      return;
    }
    if (far(inHour, s.volumeMinHour(), peer[0], p.ownHour)) {
      out.accept(AlertDraft.of(Severity.HIGH, "reveal_volume", e.principalId(), null,
          inHour + " reveals in the last hour; thresholds: own " + fmt(p.ownHour) + ", peers " + fmt(peer[0])
              + " (median + " + s.volumeK() + " robust sd)", e.at()));
    } else if (far(p.dayCount, s.volumeMinDay(), peer[1], p.ownDay)) {
      out.accept(AlertDraft.of(Severity.HIGH, "reveal_volume", e.principalId(), null,
          p.dayCount + " reveals today; thresholds: own " + fmt(p.ownDay) + ", peers " + fmt(peer[1])
              + " (median + " + s.volumeK() + " robust sd)", e.at()));
    }
  }

  private static boolean far(int count, int floor, double peer, double own) {
    return !Double.isNaN(peer) && count >= floor && count > peer && (Double.isNaN(own) || count > own);
  }

  private void roll(Profile p, Instant at, LocalDate today) {
    long bucket = at.getEpochSecond() / 3600;
    if (bucket != p.bucket) {
      if (p.bucketMax > 0) {
        p.hours.add(p.bucketMax);
      }
      p.bucket = bucket;
      p.bucketMax = 0;
    }
    if (!today.equals(p.day)) {
      if (p.dayCount > 0) {
        p.days.add(p.dayCount);
      }
      p.day = today;
      p.dayCount = 0;
      p.ownHour = p.hours.size() >= s.minOwnHours() ? p.hours.threshold(s.volumeK()) : Double.NaN;
      p.ownDay = p.days.size() >= MIN_OWN_DAYS ? p.days.threshold(s.volumeK()) : Double.NaN;
    }
  }

  /** Pools each peer group's past hours and days, once a day. */
  private void recomputePeers(LocalDate today) {
    peersOf = today;
    Map<String, List<Profile>> groups = new HashMap<>();
    profiles.values().forEach(p -> groups.computeIfAbsent(p.group, g -> new ArrayList<>()).add(p));
    peers.clear();
    groups.forEach((g, members) -> {
      Ring hours = new Ring(members.stream().mapToInt(m -> m.hours.size()).sum());
      Ring days = new Ring(members.stream().mapToInt(m -> m.days.size()).sum());
      members.forEach(m -> {
        m.hours.forEach(hours::add);
        m.days.forEach(days::add);
      });
      if (hours.size() >= s.minPeerHours()) {
        peers.put(g, new double[] {hours.threshold(s.volumeK()),
            days.size() >= MIN_PEER_DAYS ? days.threshold(s.volumeK()) : Double.NaN});
      }
    });
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
  }
}

package org.parcelveil.leaks.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.leaks.attribution.Agent;
import org.parcelveil.leaks.attribution.Exposure;
import org.parcelveil.leaks.attribution.ExposureSource;
import org.parcelveil.leaks.attribution.How;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Sighting;
import org.parcelveil.leaks.detect.CanaryCheck;
import org.parcelveil.leaks.detect.ScopeResolver;

/**
 * The simulated store: shipments with who created, assigned, handled and was shown each, answering the same
 * questions the service's stores answer (scope, canaries, exposures) from memory.
 */
public final class SimStore implements ExposureSource, ScopeResolver, CanaryCheck {

  /** One simulated shipment. Phones and names are opaque keys: the simulation holds no personal data. */
  static final class Ship {
    final String waybill;
    final String merchant;
    final String phone;
    final String name;
    final int station;
    final Instant createdAt;
    final String canaryChannel;
    final List<Sighting> sightings = new ArrayList<>(4);
    String courier;
    boolean delivered;

    Ship(String waybill, String merchant, String phone, String name, int station, Instant createdAt, String canary) {
      this.waybill = waybill;
      this.merchant = merchant;
      this.phone = phone;
      this.name = name;
      this.station = station;
      this.createdAt = createdAt;
      this.canaryChannel = canary;
      sightings.add(canary != null ? new Sighting(Agent.channel(canary), How.CANARY_CHANNEL, waybill, null, createdAt)
          : new Sighting(Agent.principal(merchant), How.CREATED, waybill, null, createdAt));
    }
  }

  /** A canary check and scope resolver that know nothing (every refusal is out of scope): for benchmarks. */
  public static final class Check implements CanaryCheck, ScopeResolver {
    @Override
    public java.util.Optional<String> channelOf(String waybill) {
      return java.util.Optional.empty();
    }

    @Override
    public boolean everInScope(String principalId, String role, String stationCode, String waybill) {
      return false;
    }
  }

  final Map<String, Ship> ships = new HashMap<>();
  private final Map<String, List<Ship>> byPhone = new HashMap<>();
  private int next;

  Ship add(String merchant, String phone, String name, int station, Instant at, String canary) {
    Ship s = new Ship("W" + (next++), merchant, phone, name, station, at, canary);
    ships.put(s.waybill, s);
    byPhone.computeIfAbsent(phone, k -> new ArrayList<>(2)).add(s);
    return s;
  }

  void saw(Ship s, String principal, How how, Instant at) {
    s.sightings.add(new Sighting(Agent.principal(principal), how, s.waybill, how.plain() ? "recipient" : null, at));
  }

  @Override
  public boolean everInScope(String principalId, String role, String stationCode, String waybill) {
    Ship s = ships.get(waybill);
    if (s == null) {
      return false;
    }
    if (!"courier".equals(role) && !"station".equals(role)) {
      return true;
    }
    return s.sightings.stream().anyMatch(x -> principalId.equals(x.agent().principalId()));
  }

  @Override
  public java.util.Optional<String> channelOf(String waybill) {
    Ship s = ships.get(waybill);
    return s == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(s.canaryChannel);
  }

  @Override
  public List<List<Exposure>> match(List<LeakRecord> records) {
    List<List<Exposure>> out = new ArrayList<>(records.size());
    for (LeakRecord r : records) {
      Map<String, Exposure> found = new java.util.LinkedHashMap<>();
      Ship byNumber = r.waybill() == null ? null : ships.get(r.waybill());
      if (byNumber != null) {
        boolean samePhone = byNumber.phone.equals(r.phone());
        found.put(byNumber.waybill, exposure(byNumber, samePhone ? "recipient" : null));
      }
      if (r.phone() != null) {
        for (Ship s : byPhone.getOrDefault(r.phone(), List.of())) {
          found.putIfAbsent(s.waybill, exposure(s, "recipient"));
        }
      }
      out.add(new ArrayList<>(found.values()));
    }
    return out;
  }

  private static Exposure exposure(Ship s, String party) {
    return new Exposure(s.waybill, party, s.canaryChannel, s.sightings);
  }
}

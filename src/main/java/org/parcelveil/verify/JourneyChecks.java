package org.parcelveil.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.EventType;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.ShipmentState;

/**
 * The checks on the parcel's journey: real scans by independent hands, a real weight, the right delivering
 * station, and a state that still counts as a sale. They read the recorded events, each with the principal and
 * station that made it.
 */
final class JourneyChecks {
  private static final Set<ShipmentState> AT_DELIVERY = EnumSet.of(ShipmentState.OUT_FOR_DELIVERY,
      ShipmentState.DELIVERED, ShipmentState.DELIVERY_FAILED);
  private static final Set<ShipmentState> ENDED = EnumSet.of(ShipmentState.DELIVERED, ShipmentState.RETURNED);

  private final Network network;
  private final VerificationSettings settings;

  JourneyChecks(Network network, VerificationSettings settings) {
    this.network = network;
    this.settings = settings;
  }

  /**
   * A pickup and at least one hub scan, made by different accounts at different stations: one account (an insider
   * selling scans) cannot make a whole chain. Local parcels, picked up and delivered by one station, need no hub.
   * A parcel on its way with no scan for {@code silence} warns.
   */
  CheckResult physicalScans(Shipment s, List<ShipmentEvent> events, Instant now) {
    Optional<ShipmentEvent> first = OrderChecks.firstPickup(events);
    if (first.isEmpty()) {
      return CheckResult.warn("physical_scans", "not picked up yet; verify again after the first hub scan");
    }
    ShipmentEvent pickup = first.get();
    List<ShipmentEvent> journey = events.stream().filter(e -> e.seq() >= pickup.seq()).toList();
    Set<String> accounts = journey.stream().map(ShipmentEvent::principalId).collect(Collectors.toSet());
    if (journey.size() >= 2 && accounts.size() == 1) {
      return CheckResult.fail("physical_scans", "every scan since pickup was recorded by one account");
    }
    List<ShipmentEvent> hubScans = journey.stream().filter(this::atHub).toList();
    if (!hubScans.isEmpty()) {
      boolean otherAccount = hubScans.stream().anyMatch(h -> !h.principalId().equals(pickup.principalId()));
      boolean otherStation = hubScans.stream().anyMatch(h -> !Objects.equals(h.stationCode(), pickup.stationCode()));
      if (!otherAccount || !otherStation) {
        return CheckResult.fail("physical_scans", "the hub scans were made by the pickup's own account or station");
      }
    } else if (!isLocal(s)) {
      if (AT_DELIVERY.contains(s.state())) {
        return CheckResult.fail("physical_scans", "reached delivery without any hub scan");
      }
      return CheckResult.warn("physical_scans", "picked up, but no hub scan yet; verify again later");
    } else if (journey.size() < 2) {
      return CheckResult.warn("physical_scans", "picked up, but no second scan yet; verify again later");
    }
    Instant last = journey.get(journey.size() - 1).recordedAt();
    if (!ENDED.contains(s.state()) && Duration.between(last, now).compareTo(settings.silence()) > 0) {
      return CheckResult.warn("physical_scans", "no scan for over " + settings.silence().toHours() + " hours");
    }
    return CheckResult.pass("physical_scans", hubScans.isEmpty()
        ? "picked up and handled within one station's district by " + accounts.size() + " accounts"
        : "picked up, then scanned at " + hubScans.stream().map(ShipmentEvent::stationCode).distinct().count()
            + " hub(s) by other accounts and stations");
  }

  /** The last weight measured at pickup or arrival, else the declared one: a few grams is an empty parcel. */
  CheckResult weight(Shipment s, List<ShipmentEvent> events) {
    Integer measured = null;
    for (ShipmentEvent e : events) {
      boolean weighs = EventType.PICKED_UP.name().equals(e.type()) || EventType.DROPPED_OFF.name().equals(e.type())
          || EventType.ARRIVED.name().equals(e.type());
      if (weighs && e.weightGrams() != null) {
        measured = e.weightGrams();
      }
    }
    int grams = measured != null ? measured : s.parcel().weightGrams();
    String what = measured != null ? "measured weight" : "declared weight (not weighed yet)";
    return grams < settings.weightFloorGrams()
        ? CheckResult.warn("weight", what + " is under " + settings.weightFloorGrams() + " g: possibly an empty parcel")
        : CheckResult.pass("weight", what + " is at least " + settings.weightFloorGrams() + " g");
  }

  /** The station that sent the parcel out for delivery must serve the destination district. */
  CheckResult deliveryStation(Shipment s, List<ShipmentEvent> events) {
    Optional<ShipmentEvent> out = events.stream()
        .filter(e -> EventType.OUT_FOR_DELIVERY.name().equals(e.type()))
        .reduce((a, b) -> b);
    if (out.isEmpty()) {
      return CheckResult.skip("delivery_station", "not out for delivery yet");
    }
    Optional<Station> station = Optional.ofNullable(out.get().stationCode()).flatMap(network::find);
    boolean serves = station.filter(st -> st.kind() == Station.Kind.STATION)
        .map(st -> sameDistrict(st, s))
        .orElse(false);
    return serves
        ? CheckResult.pass("delivery_station", "the delivering station serves the destination district")
        : CheckResult.fail("delivery_station", "the delivering station does not serve the destination district");
  }

  CheckResult state(Shipment s) {
    if (s.state() == ShipmentState.RETURNED) {
      return CheckResult.fail("state", "the parcel was returned to the sender");
    }
    return CheckResult.pass("state", "state " + s.state().name());
  }

  private boolean atHub(ShipmentEvent e) {
    boolean scan = EventType.ARRIVED.name().equals(e.type()) || EventType.DEPARTED.name().equals(e.type());
    return scan && e.stationCode() != null
        && network.find(e.stationCode()).map(st -> st.kind() == Station.Kind.HUB).orElse(false);
  }

  /** Picked up and delivered by the same station: a parcel within one district need not pass a hub. */
  private boolean isLocal(Shipment s) {
    Optional<String> from = network.stationServing(s.origin()).map(Station::code);
    return from.isPresent() && from.equals(network.stationServing(s.destination()).map(Station::code));
  }

  private static boolean sameDistrict(Station st, Shipment s) {
    return st.area().province().equals(s.destination().province()) && st.area().city().equals(s.destination().city())
        && st.area().district().equals(s.destination().district());
  }
}

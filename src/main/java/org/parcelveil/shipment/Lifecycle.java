package org.parcelveil.shipment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.parcelveil.access.DisclosurePolicy;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.network.Network;
import org.parcelveil.network.Route;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.ValidationException;

/**
 * Records scan events under the state machine of {@link EventType}: station staff only at their own station and only
 * on the parcel's {@link Route} (a hub of its provinces may also take in a missorted parcel and send it on), couriers
 * only at their own station and for shipments assigned to them, returns only by the destination station or by
 * support under a ticket. Every event keeps the principal that recorded it.
 */
public final class Lifecycle {
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final EventRepository events;
  private final Network network;
  private final Principals principals;
  private final Shipments shipments;
  private final Clock clock;
  private final AccessObserver observer;
  private final LifecycleHook hook;
  private final ParcelRoutes routes;

  public Lifecycle(EventRepository events, Network network, Principals principals, Shipments shipments, Clock clock) {
    this(events, network, principals, shipments, clock, AccessObserver.NONE);
  }

  /** As above, reporting events and out-of-scope attempts to {@code observer} (the leak detectors). */
  public Lifecycle(EventRepository events, Network network, Principals principals, Shipments shipments, Clock clock,
      AccessObserver observer) {
    this(events, network, principals, shipments, clock, observer, LifecycleHook.NONE);
  }

  /** As above, with the rules {@code hook} adds (pickup codes and delivery PINs). */
  public Lifecycle(EventRepository events, Network network, Principals principals, Shipments shipments, Clock clock,
      AccessObserver observer, LifecycleHook hook) {
    this.hook = hook;
    this.observer = observer;
    this.events = events;
    this.shipments = shipments;
    this.network = network;
    this.principals = principals;
    this.clock = clock;
    this.routes = new ParcelRoutes(network);
  }

  /** Records the event and moves the shipment on; returns the stored event. */
  public ShipmentEvent record(Principal actor, Shipment s, EventRequest r) {
    try {
      ShipmentEvent e = recordChecked(actor, s, r);
      observer.record(AccessEvent.of(AccessEvent.Kind.EVENT, actor, s.waybill(), e.type(), e.recordedAt())
          .withSubject(e.courierId()));
      return e;
    } catch (LifecycleException e) {
      if (e.kind() == LifecycleException.Kind.FORBIDDEN) {
        observer.record(AccessEvent.of(AccessEvent.Kind.DENIED, actor, s.waybill(), "event", clock.instant()));
      }
      throw e;
    }
  }

  private ShipmentEvent recordChecked(Principal actor, Shipment s, EventRequest r) {
    Check check = new Check();
    EventType type = parseType(check, r.type());
    Integer weight = r.weightGrams();
    if (weight != null && (weight < 1 || weight > NewShipment.MAX_WEIGHT_GRAMS)) {
      check.fail("weightGrams", "must be between 1 and " + NewShipment.MAX_WEIGHT_GRAMS);
    }
    Instant now = clock.instant();
    Instant at = parseAt(check, r.at(), now, s.createdAt());
    if (r.ticket() != null && !DisclosurePolicy.isValidTicket(r.ticket())) {
      check.fail("ticket", "must be 3 to 40 letters, digits, '-' or '_'");
    } else if (r.ticket() == null && actor.role() == Role.SUPPORT) {
      check.fail("ticket", "is required: the support ticket this event answers");
    }
    EventDetails details = EventDetails.check(check, type, r, actor.role(), s.cod() != null);
    check.throwIfInvalid();

    if (!type.mayBeRecordedBy(actor.role())) {
      throw LifecycleException.wrongRole(type, actor.role(), s.state());
    }
    String station = type == EventType.REDIRECTED ? redirectTarget(r.stationCode(), s)
        : stationOf(actor, r.stationCode(), s);
    if (!type.allowedFrom(s.state())) {
      throw LifecycleException.illegal(type, s.state());
    }
    if (s.state() == ShipmentState.DELIVERY_FAILED && (type == EventType.ARRIVED || type == EventType.DEPARTED)
        && !lastFailureWas(s.waybill(), FailureReason.MISROUTED)) {
      throw LifecycleException.illegal(type, s.state(), NextStep.SENT_ON_ONLY_IF_MISROUTED);
    }
    String courier = checkWho(actor, type, s, station, r.courierId(), routes.of(s, () -> events.of(s.waybill())));
    hook.before(actor, s, type, r);
    Shipment.Assignment a = s.assignment();
    Shipment.Assignment next = switch (type) {
      case PICKUP_ASSIGNED -> new Shipment.Assignment(courier, a.deliveryCourierId(), now, null);
      case OUT_FOR_DELIVERY -> new Shipment.Assignment(a.pickupCourierId(), courier, now, null);
      case REDIRECTED -> new Shipment.Assignment(a.pickupCourierId(), null, a.assignedAt(), null);
      case DELIVERED, RETURNED -> new Shipment.Assignment(a.pickupCourierId(), a.deliveryCourierId(), a.assignedAt(), now);
      default -> a;
    };
    ShipmentEvent event = new ShipmentEvent(s.waybill(), 0, type.name(), station, courier, actor.id(), weight, at, now,
        details.reason(), details.codCollected());
    ShipmentEvent stored = events.append(s, type.next(s.state()), next, event, r.ticket())
        .orElseThrow(() -> LifecycleException.illegal(type, events.currentState(s.waybill()).orElse(s.state())));
    if (type.finishes()) {
      shipments.finished(s, now);
    }
    hook.after(actor, s, stored);
    return stored;
  }

  private static EventType parseType(Check check, String type) {
    if (type == null) {
      check.fail("type", "is required");
      return null;
    }
    try {
      return EventType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      check.fail("type", "must be one of PICKUP_ASSIGNED, PICKED_UP, DROPPED_OFF, ARRIVED, DEPARTED, "
          + "OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED, RETURNED, AT_PICKUP_POINT, INTERCEPTED, HELD_AT_STATION, "
          + "REDIRECTED");
      return null;
    }
  }

  /**
   * The scanner's time of the event, within the parcel's life: not before it was created (a time the database may
   * not even store would otherwise fail the statement, and with it the group of scans it was written with), not in
   * the future; both with the scanners' clock skew.
   */
  private static Instant parseAt(Check check, String at, Instant now, Instant created) {
    if (at == null) {
      return now;
    }
    try {
      Instant t = Instant.parse(at);
      if (t.isAfter(now.plus(CLOCK_SKEW))) {
        check.fail("at", "must not be in the future");
      } else if (t.isBefore(created.minus(CLOCK_SKEW))) {
        check.fail("at", "must not be before the shipment was created");
      }
      return t;
    } catch (DateTimeParseException e) {
      check.fail("at", "must be an RFC 3339 UTC time such as 2026-11-29T08:00:00Z");
      return now;
    }
  }

  /**
   * The station the event happens at: station staff and couriers record only at their own station (a station named in
   * a parcel's events may see it, so naming another one would hand it the parcel); support is at none.
   */
  private static String stationOf(Principal actor, String requested, Shipment s) {
    if (actor.role() == Role.SUPPORT) {
      if (requested != null) {
        throw LifecycleException.forbidden(s.state(), "Support records events at no station.",
            NextStep.NO_STATION_FOR_SUPPORT);
      }
      return null;
    }
    if (requested != null && !requested.equals(actor.stationCode())) {
      throw LifecycleException.forbidden(s.state(), "Events are recorded only at the recorder's own station.",
          NextStep.OWN_STATION_ONLY);
    }
    return actor.stationCode();
  }

  /**
   * The new destination of a redirect: a station (not a hub) of the network; it becomes the event's station, so the
   * route ends there ({@link ParcelRoutes}) and that station sees the parcel.
   */
  private String redirectTarget(String code, Shipment s) {
    if (code == null || code.isBlank()) {
      throw ValidationException.of("stationCode", "is required: the station the parcel is redirected to");
    }
    if (network.find(code).filter(st -> st.kind() == org.parcelveil.network.Station.Kind.STATION).isEmpty()) {
      throw ValidationException.of("stationCode", "must be a station of the network (not a hub)");
    }
    return code;
  }

  /** Checks the actor may record this event on this shipment; returns the courier the event names, if any. */
  private String checkWho(Principal actor, EventType type, Shipment s, String station, String courierId, Route route) {
    Shipment.Assignment a = s.assignment();
    String origin = route.originStation();
    String destination = route.destinationStation();
    switch (type) {
      case PICKUP_ASSIGNED:
        requireStation(s, station, origin, "Only the origin station assigns the pick-up.", NextStep.ORIGIN_STATION);
        return requireCourierOf(courierId, origin);
      case PICKED_UP:
        if (actor.role() == Role.COURIER && !actor.id().equals(a.pickupCourierId())) {
          throw LifecycleException.forbidden(s.state(), "This courier is not assigned to pick this parcel up.",
              NextStep.ASK_ORIGIN_TO_ASSIGN);
        }
        if (actor.role() == Role.STATION) {
          requireStation(s, station, origin, "Only the origin station records the pick-up.", NextStep.ORIGIN_STATION);
        }
        return actor.role() == Role.COURIER ? actor.id() : a.pickupCourierId();
      case DROPPED_OFF:
        requireStation(s, station, origin, "Only the origin station records a drop-off.", NextStep.ORIGIN_STATION);
        return null;
      case OUT_FOR_DELIVERY:
        requireStation(s, station, destination, "Only the destination station sends parcels out for delivery.",
            NextStep.SEND_TOWARDS_DESTINATION);
        return requireCourierOf(courierId, destination);
      case DELIVERED:
      case DELIVERY_FAILED:
        if (actor.role() == Role.COURIER && !actor.id().equals(a.deliveryCourierId())) {
          throw LifecycleException.forbidden(s.state(), "This courier is not assigned to deliver this parcel.",
              NextStep.ASK_DESTINATION_TO_ASSIGN);
        }
        if (actor.role() == Role.STATION) {
          requireStation(s, station, destination, "Only the destination station records the delivery.",
              NextStep.SEND_TOWARDS_DESTINATION);
        }
        return a.deliveryCourierId();
      case ARRIVED:
      case DEPARTED:
        if (!route.passes(station) && !route.mayTakeInMissorted(station)) {
          throw LifecycleException.forbidden(s.state(), "Only the stations and hubs on this parcel's route scan it.",
              NextStep.SEND_ALONG_ROUTE);
        }
        return null;
      case AT_PICKUP_POINT:
        requireStation(s, station, destination, "Only the destination station shelves a parcel for pickup.",
            NextStep.SEND_TOWARDS_DESTINATION);
        return null;
      case INTERCEPTED:
      case HELD_AT_STATION:
      case REDIRECTED:
        return null; // support only (EventType's table), under a ticket (checked above)
      case RETURNED:
        if (actor.role() == Role.STATION) {
          requireStation(s, station, destination, "Only the destination station, or support, returns a parcel.",
              NextStep.RETURN_AT_DESTINATION);
        }
        return null;
      default:
        throw new IllegalStateException("no rule for " + type);
    }
  }

  private static void requireStation(Shipment s, String station, String expected, String why, NextStep next) {
    if (expected == null || !Objects.equals(station, expected)) {
      throw LifecycleException.forbidden(s.state(), why, next);
    }
  }

  /** Whether the parcel's latest failed attempt had this reason (read only when a failed parcel is scanned on). */
  private boolean lastFailureWas(String waybill, FailureReason reason) {
    return events.of(waybill).stream().filter(e -> EventType.DELIVERY_FAILED.name().equals(e.type()))
        .reduce((first, second) -> second).map(e -> reason.name().equals(e.reason())).orElse(false);
  }

  private String requireCourierOf(String courierId, String station) {
    if (courierId == null || courierId.isBlank()) {
      throw ValidationException.of("courierId", "is required: the courier this event assigns");
    }
    Principal c = principals.find(courierId).filter(p -> !p.isRevoked()).orElse(null);
    if (c == null || c.role() != Role.COURIER || !Objects.equals(c.stationCode(), station)) {
      throw ValidationException.of("courierId", "must be an active courier of station " + station);
    }
    return courierId;
  }
}

package org.parcelveil.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.identity.Principal;
import org.parcelveil.network.Network;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.SealedOrder;
import org.parcelveil.shipment.CancelledShipment;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.waybill.WaybillCodec;

/**
 * Verifies a marketplace order's waybill: it exists, no other order holds it, it was made and picked up after the
 * order, goes from the order's origin to its destination (and buyer), was scanned by independent hands, weighs
 * something, is delivered by the right station and was not returned. The first order that passes claims it, and an
 * order whose recipient's phone matches takes over a claim made on the areas alone. Every verification is recorded;
 * no answer carries personal data, and no parcel's recipient is compared with more than a few phones, ever.
 */
public final class Verifier {
  private final Shipments shipments;
  private final EventRepository events;
  private final ClaimRegistry claims;
  private final VerificationLog log;
  private final OrderChecks orderChecks;
  private final JourneyChecks journeyChecks;
  private final VerificationSettings settings;
  private final String prefix;
  private final Clock clock;

  public Verifier(DataSource dataSource, Shipments shipments, EventRepository events, Network network,
      BlindIndex blindIndex, String waybillPrefix, VerificationSettings settings, Clock clock) {
    this.shipments = shipments;
    this.prefix = waybillPrefix;
    this.events = events;
    this.claims = new ClaimRegistry(dataSource);
    this.log = new VerificationLog(dataSource);
    this.orderChecks = new OrderChecks(blindIndex, new PhoneTries(dataSource, settings.phonesPerParcel()),
        settings.clockSkew());
    this.journeyChecks = new JourneyChecks(network, settings);
    this.settings = settings;
    this.clock = clock;
  }

  /** Validates the request (400 on bad fields), then verifies it for the calling platform. */
  public Verification verify(Principal platform, VerificationRequest request) {
    return verify(platform, request.validate(clock.instant(), settings.clockSkew()));
  }

  public Verification verify(Principal platform, Order order) {
    Instant now = clock.instant();
    String canonical = canonical(order.waybill());
    Optional<Shipment> found = shipments.find(canonical);
    if (found.isEmpty()) {
      Verification v = new Verification(Verdict.UNKNOWN_WAYBILL,
          List.of(CheckResult.fail("exists", "not a waybill number of this carrier")));
      // A seller may have typed anything into the waybill field: keep it only if it is one of our numbers' shape.
      log.record(platform.id(), WaybillCodec.isWellFormed(canonical, prefix) ? canonical : null, order.orderId(), v, now);
      return v;
    }
    Shipment s = found.get();
    if (CancelledShipment.is(s)) {
      // Void: nothing of the order is compared (no claim, no phone), the platform only learns the number is dead.
      Verification v = new Verification(Verdict.VOID, List.of(
          CheckResult.pass("exists", "a waybill number this carrier issued"),
          CheckResult.fail("state", "cancelled by the shop before pickup: this waybill number is void")));
      log.record(platform.id(), s.waybill(), order.orderId(), v, now);
      return v;
    }
    List<ShipmentEvent> history = events.of(s.waybill());
    Optional<ClaimRegistry.Claim> held = claims.find(s.waybill());
    // Against a claim on areas alone the phone is compared (a match takes the number over); against a claim on the
    // phone it is not: nothing this order could show would change the answer, so a comparison would only be a guess.
    // A shipment made from a platform's sealed order belongs to that order from its creation: no other order can
    // claim it, so for any other its phone is never compared (nothing to settle, and it would be a phone oracle).
    SealedOrder bound = s.sealedOrder();
    boolean boundHere = bound != null && bound.isFor(platform.id(), order.orderId());
    boolean settled = bound != null ? !boundHere : held.filter(c -> !c.isBy(platform.id(), order.orderId()))
        .filter(c -> c.evidence().isStrongerThan(Evidence.AREA)).isPresent();
    OrderChecks.Destination destination = orderChecks.destination(s, order, !settled, now);
    List<CheckResult> rest = List.of(
        orderChecks.createdAfterOrder(s, history, order),
        orderChecks.origin(s, order),
        destination.check(),
        journeyChecks.physicalScans(s, history, now),
        journeyChecks.weight(s, history),
        journeyChecks.deliveryStation(s, history),
        journeyChecks.state(s));
    List<CheckResult> checks = new ArrayList<>();
    checks.add(CheckResult.pass("exists", "a waybill number this carrier issued"));
    checks.add(bound == null ? claim(s.waybill(), held, rest, destination, platform, order, now)
        : boundHere ? CheckResult.pass("claim", "bound to this order when it was created")
        : CheckResult.fail("claim", "created for another order"));
    checks.addAll(rest);
    Verification v = new Verification(Verdict.of(checks), checks);
    log.record(platform.id(), s.waybill(), order.orderId(), v, now);
    return v;
  }

  /** A waybill as people copy it from a label (in groups, with spaces or hyphens, in any case), made canonical. */
  static String canonical(String waybill) {
    return waybill.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  /**
   * The claim check. An order claims only when nothing else failed, so a brushing request for someone else's parcel
   * cannot take the number away from the genuine order that comes later. A claim on areas alone is provisional: an
   * order whose recipient's phone matches takes it over, so knowing a number and its label's areas is not enough
   * to lock the genuine order out.
   */
  private CheckResult claim(String waybill, Optional<ClaimRegistry.Claim> held, List<CheckResult> rest,
      OrderChecks.Destination destination, Principal platform, Order order, Instant now) {
    boolean failed = rest.stream().anyMatch(c -> c.outcome() == Outcome.FAIL);
    Evidence evidence = destination.evidence();
    if (held.isEmpty()) {
      if (failed) {
        return CheckResult.skip("claim", "not claimed: other checks failed");
      }
      ClaimRegistry.Claim winner = claims.claim(waybill, platform.id(), order.orderId(), evidence, now);
      if (winner.isBy(platform.id(), order.orderId())) {
        return CheckResult.pass("claim", "claimed for this order");
      }
      held = Optional.of(winner);
    }
    ClaimRegistry.Claim holder = held.get();
    if (!failed && evidence.isStrongerThan(holder.evidence())) {
      holder = claims.takeOver(waybill, platform.id(), order.orderId(), evidence, now);
    }
    if (holder.isBy(platform.id(), order.orderId())) {
      return CheckResult.pass("claim", "this order holds this number");
    }
    if (destination.capReached() && holder.evidence() == Evidence.AREA) {
      // Neither order showed the phone, and this one no longer can: the first claim stands, but refusing this order
      // outright would let whoever spent the parcel's phones lock the genuine order out.
      return CheckResult.warn("claim", "another order holds this number, and the recipient's phone can no longer "
          + "be compared to settle which order it belongs to");
    }
    return CheckResult.fail("claim", "another order already holds this number");
  }
}

package org.parcelveil.relay;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.PrincipalRepository;
import org.parcelveil.identity.Role;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditReceipt;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentState;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Phone;
import org.parcelveil.vault.ShreddedException;
import org.parcelveil.validation.ValidationException;

/**
 * Relayed calls: the assigned courier gets a pool number and a 4-digit extension instead of the customer's phone.
 * A binding opens when the courier asks for it and works only while the parcel needs it: from assignment until
 * {@link RelaySettings#closeAfter()} past delivery or return. Bindings and every routed call are audit-logged.
 *
 * <p>The merchant of a sealed shipment (one it shipped without ever holding the buyer's data) gets the same kind of
 * binding to the buyer for after-sales, under {@link AfterSales}: in a window, within a budget. A merchant of a plain
 * shipment holds the buyer's phone already and is refused.
 */
public final class Relay {
  private final RelayRepository repository;
  private final Shipments shipments;
  private final PrincipalRepository principals;
  private final BlindIndex blindIndex;
  private final AuditLog audit;
  private final TelephonyProvider provider;
  private final RelaySettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AccessObserver observer;
  private final AfterSales afterSales;
  private final RelayBudgets budgets;

  public Relay(javax.sql.DataSource dataSource, Shipments shipments, PrincipalRepository principals,
      BlindIndex blindIndex, AuditLog audit, TelephonyProvider provider, RelaySettings settings, Clock clock) {
    this(dataSource, shipments, principals, blindIndex, audit, provider, settings, clock, AccessObserver.NONE);
  }

  /** As above, reporting contacts, refusals and routed calls to {@code observer} (the leak detectors). */
  public Relay(javax.sql.DataSource dataSource, Shipments shipments, PrincipalRepository principals,
      BlindIndex blindIndex, AuditLog audit, TelephonyProvider provider, RelaySettings settings, Clock clock,
      AccessObserver observer) {
    this(dataSource, shipments, principals, blindIndex, audit, provider, settings, AfterSales.DEFAULTS, clock, observer);
  }

  /** As above, with the merchants' after-sales rule. */
  public Relay(javax.sql.DataSource dataSource, Shipments shipments, PrincipalRepository principals,
      BlindIndex blindIndex, AuditLog audit, TelephonyProvider provider, RelaySettings settings, AfterSales afterSales,
      Clock clock, AccessObserver observer) {
    this.observer = observer;
    this.afterSales = afterSales;
    this.budgets = new RelayBudgets(dataSource, afterSales, clock);
    this.repository = new RelayRepository(dataSource);
    this.shipments = shipments;
    this.principals = principals;
    this.blindIndex = blindIndex;
    this.audit = audit;
    this.provider = provider;
    this.settings = settings;
    this.clock = clock;
  }

  /** What the courier dials, and until when it works at the latest. */
  public record Contact(String number, String extension, Instant expiresAt, long auditIndex) {}

  /** What the telephony platform should do with a call. */
  public record Routing(boolean connect, String target, String reason) {
    @Override
    public String toString() {
      return "Routing[" + (connect ? "connect" : "reject " + reason) + "]";
    }
  }

  /** A refused contact request, logged, with its reason. */
  public static final class RefusedException extends RuntimeException {
    private final String reason;
    private final long auditIndex;

    RefusedException(String reason, long auditIndex) {
      super(reason, null, false, false);
      this.reason = reason;
      this.auditIndex = auditIndex;
    }

    public String reason() {
      return reason;
    }

    public long auditIndex() {
      return auditIndex;
    }
  }

  /**
   * Opens (or returns the open) binding for the courier assigned to this shipment, or for the merchant of a sealed
   * shipment in its after-sales window.
   */
  public Contact contact(Principal courier, Shipment s) {
    if (courier.role() == Role.MERCHANT) {
      return afterSalesContact(courier, s);
    }
    PartyRole party = partyFor(courier, s);
    if (party == null) {
      String reason = courier.role() != Role.COURIER ? "role_not_allowed" : assigned(courier, s) ? "wrong_state" : "not_assigned";
      AuditReceipt r = audit.append(record("contact", courier, s.waybill(), null, AuditRecord.Outcome.REFUSED, reason));
      observer.record(AccessEvent.of(AccessEvent.Kind.REFUSED, courier, s.waybill(), reason, r.time()));
      throw new RefusedException(reason, r.index());
    }
    Instant now = clock.instant();
    RelayBinding b = repository.findOpen(s.waybill(), party.wireName(), courier.id())
        .filter(x -> x.openedAt().plus(settings.maxOpen()).isAfter(now))
        .orElseGet(() -> open(courier, s, party, now));
    AuditReceipt r = audit.append(record("contact", courier, s.waybill(), party.wireName(), AuditRecord.Outcome.ALLOWED,
        "binding " + b.id()));
    observer.record(AccessEvent.of(AccessEvent.Kind.CONTACT, courier, s.waybill(), party.wireName(), r.time()));
    return new Contact(b.number(), b.extension(), expiry(b, courier, s), r.index());
  }

  /**
   * The merchant's after-sales binding to the buyer of its own sealed shipment. An open binding is handed out again
   * for free; a new one spends one unit of the merchant's daily budget and of the shipment's.
   */
  private Contact afterSalesContact(Principal merchant, Shipment s) {
    Instant now = clock.instant();
    String reason = afterSalesRefusal(merchant, s, now);
    Optional<RelayBinding> open = Optional.empty();
    if (reason == null) {
      open = repository.findOpen(s.waybill(), PartyRole.RECIPIENT.wireName(), merchant.id())
          .filter(x -> now.isBefore(expiry(x, merchant, s)));
      if (open.isEmpty() && !budgets.trySpend(merchant.id(), s.waybill())) {
        reason = "budget_exceeded";
      }
    }
    if (reason != null) {
      AuditReceipt r = audit.append(record("contact", merchant, s.waybill(), PartyRole.RECIPIENT.wireName(),
          AuditRecord.Outcome.REFUSED, reason));
      observer.record(AccessEvent.of(AccessEvent.Kind.REFUSED, merchant, s.waybill(), reason, r.time()));
      throw new RefusedException(reason, r.index());
    }
    RelayBinding b = open.orElseGet(() -> open(merchant, s, PartyRole.RECIPIENT, now));
    AuditReceipt r = audit.append(record("contact", merchant, s.waybill(), b.party(), AuditRecord.Outcome.ALLOWED,
        "binding " + b.id()));
    observer.record(AccessEvent.of(AccessEvent.Kind.CONTACT, merchant, s.waybill(), b.party(), r.time()));
    return new Contact(b.number(), b.extension(), expiry(b, merchant, s), r.index());
  }

  /** Why this merchant may not reach the buyer of {@code s} now, or null if it may. */
  private String afterSalesRefusal(Principal merchant, Shipment s, Instant now) {
    if (!merchant.id().equals(s.merchantId())) {
      return "not_own";
    }
    if (s.sealedOrder() == null) {
      // The merchant gave the buyer's phone itself: it needs no relay, and the relay is no way to test numbers.
      return "not_sealed";
    }
    if (s.shreddedAt() != null) {
      return "shredded";
    }
    if (!now.isBefore(afterSales.windowEnd(s))) {
      return "outside_window";
    }
    // Calls are connected only from the holder's registered phone: without one, a binding could never be used.
    return principals.phoneIndex(merchant.id()).isPresent() ? null : "no_registered_phone";
  }

  /**
   * Decides a call that reached {@code number} with {@code extension} from {@code callerNumber}: only the bound
   * courier's registered phone, while the binding is open, is connected to the party.
   */
  public Routing route(String number, String extension, String callerNumber) {
    Phone caller;
    try {
      caller = Phone.parse("callerNumber", callerNumber);
    } catch (ValidationException e) {
      return new Routing(false, null, "unknown_caller");
    }
    Optional<RelayBinding> found = repository.findOpenByRoute(number, extension);
    if (found.isEmpty()) {
      return new Routing(false, null, "no_binding");
    }
    RelayBinding b = found.get();
    Principal courier = principals.find(b.courierId()).orElse(null);
    String holderRole = courier == null ? "courier" : courier.role().wireName();
    Shipment s = shipments.find(b.waybill()).orElse(null);
    String refusal = refusal(b, courier, s, caller);
    if (refusal != null) {
      audit.append(new AuditRecord("relay.route", b.courierId(), holderRole, b.waybill(), b.party(), null, null,
          AuditRecord.Outcome.REFUSED, refusal));
      provider.callRouted(b, false, refusal);
      observer.record(call(b, refusal));
      if (refusal.equals("expired")) {
        repository.close(b.id(), clock.instant());
      }
      return new Routing(false, null, refusal);
    }
    String target;
    try {
      target = shipments.open(s, PartyRole.fromWire(b.party()).orElseThrow()).phone().reveal();
    } catch (ShreddedException e) {
      return new Routing(false, null, "shredded");
    }
    // Logged before the target leaves: the platform learns the number only with its entry in the log.
    audit.append(new AuditRecord("relay.route", b.courierId(), holderRole, b.waybill(), b.party(), null, null,
        AuditRecord.Outcome.ALLOWED, "binding " + b.id()));
    provider.callRouted(b, true, null);
    observer.record(call(b, "connect"));
    return new Routing(true, target, null);
  }

  /** Why this call may not be connected, or null if it may. */
  private String refusal(RelayBinding b, Principal courier, Shipment s, Phone caller) {
    if (courier == null || courier.isRevoked() || s == null) {
      return "not_assigned";
    }
    if (courier.role() == Role.MERCHANT) {
      // Checked again at each call: a binding never outlives the after-sales window or the shipment's data.
      String afterSalesRefusal = afterSalesRefusal(courier, s, clock.instant());
      if (afterSalesRefusal != null) {
        return afterSalesRefusal.equals("outside_window") ? "expired" : afterSalesRefusal;
      }
    } else {
      String assignee = b.party().equals(PartyRole.RECIPIENT.wireName())
          ? s.assignment().deliveryCourierId() : s.assignment().pickupCourierId();
      if (!courier.id().equals(assignee)) {
        return "not_assigned";
      }
    }
    if (!clock.instant().isBefore(expiry(b, courier, s))) {
      return "expired";
    }
    Optional<String> registered = principals.phoneIndex(courier.id());
    boolean match = registered.isPresent() && blindIndex.allOf(caller).stream()
        .anyMatch(i -> MessageDigest.isEqual(i.getBytes(), registered.get().getBytes()));
    return match ? null : "unknown_caller";
  }

  private RelayBinding open(Principal courier, Shipment s, PartyRole party, Instant now) {
    List<String> pool = settings.poolNumbers();
    for (int attempt = 0; attempt < 50; attempt++) {
      String number = pool.get(random.nextInt(pool.size()));
      String extension = String.format("%04d", random.nextInt(10_000));
      if (!repository.inUse(number, extension, now.minus(settings.maxOpen()))) {
        byte[] id = new byte[10];
        random.nextBytes(id);
        RelayBinding b = new RelayBinding("rb_" + HexFormat.of().formatHex(id), s.waybill(), party.wireName(),
            courier.id(), number, extension, now);
        repository.insert(b);
        provider.bindingOpened(b);
        return b;
      }
    }
    throw new IllegalStateException("the relay pool has no free extension: add pool numbers");
  }

  private AccessEvent call(RelayBinding b, String outcome) {
    return new AccessEvent(clock.instant(), AccessEvent.Kind.RELAY_CALL, b.courierId(), "courier", null, b.waybill(),
        null, null, outcome);
  }

  private Instant expiry(RelayBinding b, Principal holder, Shipment s) {
    if (holder.role() == Role.MERCHANT) {
      Instant life = b.openedAt().plus(afterSales.bindingLife());
      Instant end = afterSales.windowEnd(s);
      return life.isBefore(end) ? life : end;
    }
    Instant cap = b.openedAt().plus(settings.maxOpen());
    Instant finished = s.assignment().finishedAt();
    if (finished == null) {
      return cap;
    }
    Instant close = finished.plus(settings.closeAfter());
    return close.isBefore(cap) ? close : cap;
  }

  private static boolean assigned(Principal courier, Shipment s) {
    return courier.id().equals(s.assignment().deliveryCourierId()) || courier.id().equals(s.assignment().pickupCourierId());
  }

  /** The party this courier may be connected to now: the recipient while delivering, the sender while picking up. */
  private static PartyRole partyFor(Principal courier, Shipment s) {
    if (courier.role() != Role.COURIER) {
      return null;
    }
    ShipmentState st = s.state();
    if (courier.id().equals(s.assignment().deliveryCourierId())
        && (st == ShipmentState.OUT_FOR_DELIVERY || st == ShipmentState.DELIVERY_FAILED)) {
      return PartyRole.RECIPIENT;
    }
    if (courier.id().equals(s.assignment().pickupCourierId()) && st == ShipmentState.CREATED) {
      return PartyRole.SENDER;
    }
    return null;
  }

  private static AuditRecord record(String action, Principal p, String waybill, String party,
      AuditRecord.Outcome outcome, String reason) {
    return new AuditRecord(action, p.id(), p.role().wireName(), waybill, party, null, null, outcome, reason);
  }
}

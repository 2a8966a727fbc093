package org.parcelveil.disclosure;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.parcelveil.access.BudgetUsedUp;
import org.parcelveil.access.Decision;
import org.parcelveil.access.DisclosureBudgets;
import org.parcelveil.access.DisclosureFacts;
import org.parcelveil.access.DisclosurePolicy;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Purpose;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditReceipt;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.ShreddedException;

/**
 * Reveals plain personal data: the policy decides, the decision is appended to the audit log in the same transaction
 * that spends the budget, and only then is the party decrypted and returned. Refusals are logged as well. If the log
 * cannot commit, nothing is decrypted, revealed or spent.
 */
public final class Disclosures {
  static final String SHREDDED = "shredded";
  static final String UNKNOWN = "unknown_waybill";
  static final String BUDGET_EXCEEDED = "budget_exceeded";
  /** What the detectors hear when the per-shipment cap, not the day's budget, refused a reveal. */
  public static final String SHIPMENT_BUDGET_EXCEEDED = "shipment_budget_exceeded";
  /** Logged when the policy would allow a caller that may not see the shipment; never expected, refused alike. */
  static final String NOT_VISIBLE = "not_visible";

  private final Shipments shipments;
  private final Visibility visibility;
  private final DisclosurePolicy policy;
  private final DisclosureBudgets budgets;
  private final AuditLog audit;
  private final Clock clock;
  private final AccessObserver observer;

  public Disclosures(Shipments shipments, Visibility visibility, DisclosurePolicy policy, DisclosureBudgets budgets,
      AuditLog audit, Clock clock) {
    this(shipments, visibility, policy, budgets, audit, clock, AccessObserver.NONE);
  }

  /** As above, reporting every reveal and refusal to {@code observer} (the leak detectors) once it is logged. */
  public Disclosures(Shipments shipments, Visibility visibility, DisclosurePolicy policy, DisclosureBudgets budgets,
      AuditLog audit, Clock clock, AccessObserver observer) {
    this.shipments = shipments;
    this.visibility = visibility;
    this.policy = policy;
    this.budgets = budgets;
    this.audit = audit;
    this.clock = clock;
    this.observer = observer;
  }

  /** A plain party and the index of the log entry that recorded its disclosure. */
  public record Revealed(PartyView party, long auditIndex) {}

  public Revealed reveal(Principal p, String waybill, RevealRequest r) {
    Check check = new Check();
    PartyRole party = PartyRole.fromWire(r.party()).orElse(null);
    if (party == null) {
      check.fail("party", "must be recipient or sender");
    }
    Purpose purpose = Purpose.fromWire(r.purpose()).orElse(null);
    if (purpose == null) {
      check.fail("purpose", "must be DELIVERY, PICKUP or SUPPORT");
    }
    if (r.ticket() != null && !DisclosurePolicy.isValidTicket(r.ticket())) {
      check.fail("ticket", "must be 3 to 40 letters, digits, '-' or '_'");
    }
    check.throwIfInvalid();
    String ticket = r.ticket();
    Shipment s = shipments.find(waybill).orElse(null);
    if (s == null) {
      // Logged too: probing unknown numbers is a pattern the detectors look for.
      refuse(p, null, party, purpose, ticket, UNKNOWN, true);
    }
    Decision d = policy.decide(p, facts(s), party.wireName(), purpose, ticket, clock.instant());
    // The log keeps the policy's own reason; a caller that may not see the shipment is answered as for an unknown one.
    boolean hidden = !visibility.canSee(p, s);
    if (!d.allowed() || hidden) {
      refuse(p, s.waybill(), party, purpose, ticket, d.allowed() ? NOT_VISIBLE : d.reason(), hidden);
    }
    if (s.isShredded()) {
      refuse(p, s.waybill(), party, purpose, ticket, SHREDDED, false);
    }
    // The budget is spent in the transaction that appends the entry: the unit goes if and only if the entry commits.
    // Which budget refused is kept from the spend that decided (the log may run its condition again on a retry).
    AtomicReference<BudgetUsedUp> usedUp = new AtomicReference<>();
    AuditLog.Conditional logged = audit.appendIf(
        record(p, s.waybill(), party, purpose, ticket, AuditRecord.Outcome.ALLOWED, null),
        c -> {
          usedUp.set(budgets.spendOrSayWhich(c, p, s.waybill()).orElse(null));
          return usedUp.get() == null;
        },
        record(p, s.waybill(), party, purpose, ticket, AuditRecord.Outcome.REFUSED, BUDGET_EXCEEDED));
    if (!logged.held()) {
      throw overBudget(p, s.waybill(), usedUp.get(), logged.receipt());
    }
    AuditReceipt receipt = logged.receipt();
    // Decrypted only now: a request refused for any reason, the budget included, never makes plaintext.
    Person person;
    try {
      person = shipments.open(s, party);
    } catch (ShreddedException e) {
      // Shredded between the check above and here: the entry and its unit stand, and a refusal follows them.
      refuse(p, s.waybill(), party, purpose, ticket, SHREDDED, false);
      return null;
    }
    observer.record(AccessEvent.of(AccessEvent.Kind.REVEAL, p, s.waybill(), purpose.name(), receipt.time()));
    return new Revealed(PartyView.of(person), receipt.index());
  }

  static DisclosureFacts facts(Shipment s) {
    Shipment.Assignment a = s.assignment();
    return new DisclosureFacts(s.state().name(), a.pickupCourierId(), a.deliveryCourierId(), a.assignedAt());
  }

  private void refuse(Principal p, String waybill, PartyRole party, Purpose purpose, String ticket, String reason,
      boolean hidden) {
    AuditReceipt receipt = audit.append(record(p, waybill, party, purpose, ticket, AuditRecord.Outcome.REFUSED, reason));
    throw refused(p, waybill, reason, receipt, hidden);
  }

  /**
   * A reveal refused by a budget: the log and the API keep the one reason {@code budget_exceeded} (clients rely on it)
   * and the exception names the budget; the detectors hear the per-shipment cap as {@code shipment_budget_exceeded},
   * so that their alert does not call it the day's budget.
   */
  private RefusedException overBudget(Principal p, String waybill, BudgetUsedUp usedUp, AuditReceipt receipt) {
    BudgetUsedUp which = usedUp != null ? usedUp : new BudgetUsedUp(BudgetUsedUp.Budget.DAILY, 0);
    String detail = which.budget() == BudgetUsedUp.Budget.SHIPMENT ? SHIPMENT_BUDGET_EXCEEDED : BUDGET_EXCEEDED;
    observer.record(AccessEvent.of(AccessEvent.Kind.REFUSED, p, waybill, detail, receipt.time()));
    return new RefusedException(BUDGET_EXCEEDED, receipt.index(), false, which);
  }

  /** Reports a logged refusal to the detectors and makes the exception that answers it. */
  private RefusedException refused(Principal p, String waybill, String reason, AuditReceipt receipt, boolean hidden) {
    observer.record(AccessEvent.of(AccessEvent.Kind.REFUSED, p, waybill, reason, receipt.time()));
    return new RefusedException(reason, receipt.index(), hidden);
  }

  private static AuditRecord record(Principal p, String waybill, PartyRole party, Purpose purpose, String ticket,
      AuditRecord.Outcome outcome, String reason) {
    return new AuditRecord("reveal", p.id(), p.role().wireName(), waybill, party.wireName(), purpose.name(), ticket,
        outcome, reason);
  }
}

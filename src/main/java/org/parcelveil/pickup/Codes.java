package org.parcelveil.pickup;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.identity.Principal;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.subject.Notifier;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.Sensitive;
import org.parcelveil.vault.ShreddedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and checks the recipient's one-time codes: 6 random digits (a CSPRNG), sent through the {@link Notifier}
 * and stored only as a keyed MAC with an expiry; single use, with a bounded number of tries per code and of wrong
 * codes per staff member and day. Nobody but the recipient ever sees a code: not the staff, not the logs.
 */
final class Codes {
  private static final Logger LOG = LoggerFactory.getLogger(Codes.class);
  private final CodeStore store;
  private final CodeMacs macs;
  private final Shipments shipments;
  private final Notifier notifier;
  private final AuditLog audit;
  private final PickupSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Codes(CodeStore store, CodeMacs macs, Shipments shipments, Notifier notifier, AuditLog audit,
      PickupSettings settings, Clock clock) {
    this.store = store;
    this.macs = macs;
    this.shipments = shipments;
    this.notifier = notifier;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Makes a new code of this kind for the parcel, replacing any earlier one with its tries, and sends it to the
   * recipient's phone. The phone is opened here only to send and to bind the pickup code to its last four digits;
   * that use is in the audit log like every other opening. A shredded parcel gets no code.
   */
  void issue(Principal actor, Shipment s, CodeKind kind) {
    Person recipient;
    try {
      recipient = shipments.open(s, PartyRole.RECIPIENT);
    } catch (ShreddedException e) {
      return;
    }
    String purpose = kind == CodeKind.PICKUP ? "pickup" : "delivery_pin";
    audit.append(new AuditRecord("pickup.code_sent", actor.id(), actor.role().wireName(), s.waybill(),
        PartyRole.RECIPIENT.wireName(), purpose, null, AuditRecord.Outcome.ALLOWED, null));
    String code = String.format("%06d", random.nextInt(1_000_000));
    String last4 = kind == CodeKind.PICKUP ? recipient.phone().lastFour() : "";
    Instant now = clock.instant();
    store.put(s.waybill(), kind, macs.of(kind, s.waybill(), code, last4), macs.currentVersion(), now,
        now.plus(settings.codeTtl()));
    try {
      notifier.sendParcelCode(recipient.phone(), Sensitive.of(code), s.waybill(), purpose);
    } catch (RuntimeException e) {
      // The provider's message may hold the number: only its class is logged. A new code is one re-issue away.
      LOG.warn("pickup code for {} not sent: the notifier failed ({})", s.waybill(), e.getClass().getSimpleName());
    }
  }

  /**
   * Checks a code (and, for a pickup code, the phone's last four digits) and uses it up.
   *
   * @throws HandoverRefusedException without saying which part was wrong
   */
  void check(Principal staff, Shipment s, CodeKind kind, String code, String last4) {
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (store.misses(staff.id(), day) >= settings.missesPerStaffPerDay()) {
      throw HandoverRefusedException.staffLimit();
    }
    CodeStore.StoredCode stored = store.find(s.waybill(), kind).filter(c -> !c.used())
        .orElseThrow(() -> HandoverRefusedException.noCode(kind));
    if (stored.tries() >= settings.triesPerCode()) {
      throw HandoverRefusedException.tooManyTries(kind);
    }
    if (!now.isBefore(stored.expiresAt())) {
      throw HandoverRefusedException.expired(kind);
    }
    if (!store.spendTry(s.waybill(), kind, settings.triesPerCode())) {
      throw HandoverRefusedException.tooManyTries(kind);
    }
    if (!macs.matches(stored.mac(), stored.keyVersion(), kind, s.waybill(), code, last4)) {
      store.addMiss(staff.id(), day);
      throw HandoverRefusedException.noMatch(kind);
    }
    if (!store.markUsed(s.waybill(), kind, now)) {
      throw HandoverRefusedException.noCode(kind);
    }
  }

  /** Forgets the parcel's codes once its journey is over (delivered or returned). */
  void forget(String waybill) {
    store.forget(waybill);
  }

  /** True once the parcel's code of this kind was used: the handover that checked it may record the delivery. */
  boolean used(String waybill, CodeKind kind) {
    return store.find(waybill, kind).map(CodeStore.StoredCode::used).orElse(false);
  }
}

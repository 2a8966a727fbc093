package org.parcelveil.shipment;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.DisclosurePolicy;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Phone;

/**
 * Support finds shipments of any merchant by a phone (its blind index under every live key version: nothing is
 * decrypted to find them) or by an order reference, always under a ticket. A look-up tells support which parcels a
 * phone has, so it is a disclosure: every page served is written to the audit log first (who, the ticket, each
 * waybill found and which party matched, never the phone), and if the log cannot take it nothing is answered.
 */
public final class SupportSearch {
  static final String AUDIT_ACTION = "support.lookup";
  public static final String LIST = "support-shipments";

  private final LookupRepository lookups;
  private final BlindIndex blindIndex;
  private final AuditLog audit;

  public SupportSearch(LookupRepository lookups, BlindIndex blindIndex, AuditLog audit) {
    this.lookups = lookups;
    this.blindIndex = blindIndex;
    this.audit = audit;
  }

  /** What support asked for: exactly one of a phone (as typed) or an order reference, and the ticket it answers. */
  public record Query(@Nullable String phone, @Nullable String reference, @Nullable String ticket) {}

  /**
   * One page of the shipments matching {@code q}, newest first.
   *
   * @throws org.parcelveil.validation.ValidationException naming the phone, reference or ticket (never quoting them)
   * @throws org.parcelveil.audit.AuditUnavailableException if the look-up could not be logged: nothing is answered
   */
  public Page<Shipment> find(Principal support, Query q, Paging.Request page) {
    if (support.role() != Role.SUPPORT) {
      throw new IllegalArgumentException("support look-ups are for support only");
    }
    Check check = new Check();
    if (!DisclosurePolicy.isValidTicket(q.ticket())) {
      check.fail("ticket", q.ticket() == null ? "is required: the support ticket this look-up answers"
          : "must be 3 to 40 letters, digits, '-' or '_'");
    }
    if ((q.phone() == null) == (q.reference() == null)) {
      check.fail(q.phone() == null ? "phone" : "reference", "give a phone or an order reference, one of them");
    }
    String reference = q.reference() == null ? null : check.text("reference", q.reference(), 1, 64);
    Phone phone = null;
    if (q.phone() != null) {
      try {
        phone = Phone.parse("phone", q.phone());
      } catch (org.parcelveil.validation.ValidationException e) {
        e.errors().forEach(f -> check.fail(f.field(), f.message()));
      }
    }
    check.throwIfInvalid();
    Paging.TimeAndId after = page.after() == null ? null : Paging.timeAndId(page.after());
    List<String> indexes = phone == null ? List.of() : blindIndex.allOf(phone);
    List<Shipment> rows = phone != null
        ? lookups.byPhoneIndexes(indexes, after == null ? null : after.at(), after == null ? null : after.id(),
            page.fetch())
        : lookups.byReference(reference, after == null ? null : after.at(), after == null ? null : after.id(),
            page.fetch());
    Page<Shipment> served = Paging.page(page, rows, s -> Paging.timePosition(s.createdAt(), s.waybill()));
    log(support, q.ticket(), phone == null ? "by_reference" : "by_phone", served.items(), indexes);
    return served;
  }

  /** One entry per shipment served (its waybill and, for a phone, the party it matched), or one if none was. */
  private void log(Principal support, String ticket, String how, List<Shipment> served, List<String> indexes) {
    List<AuditRecord> entries = new ArrayList<>();
    for (Shipment s : served) {
      entries.add(new AuditRecord(AUDIT_ACTION, support.id(), support.role().wireName(), s.waybill(),
          indexes.isEmpty() ? null : matched(s, indexes), "SUPPORT", ticket, AuditRecord.Outcome.ALLOWED, how));
    }
    if (entries.isEmpty()) {
      entries.add(new AuditRecord(AUDIT_ACTION, support.id(), support.role().wireName(), null, null, "SUPPORT",
          ticket, AuditRecord.Outcome.ALLOWED, how + ":none"));
    }
    audit.appendAll(entries);
  }

  private static String matched(Shipment s, List<String> indexes) {
    boolean sender = s.sender() != null && indexes.contains(s.sender().phoneIndex());
    boolean recipient = s.recipient() != null && indexes.contains(s.recipient().phoneIndex());
    return sender && recipient ? "both" : sender ? "sender" : "recipient";
  }
}

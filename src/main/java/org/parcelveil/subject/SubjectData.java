package org.parcelveil.subject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.retention.Erasures;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentState;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.ShreddedException;

/**
 * What a data subject may do with their own shipments: list them (masked), export their own personal data, and
 * have the personal data of finished shipments erased early. Their shipments are found through the phone's blind
 * index, and only the rows found are decrypted; a party counts as theirs only if its decrypted phone is theirs.
 * Every export and erasure, and every refusal, is appended to the audit log before anything is answered.
 */
public final class SubjectData {
  public static final String PURPOSE = "SUBJECT_ACCESS";
  private static final Set<ShipmentState> FINISHED = Set.of(ShipmentState.DELIVERED, ShipmentState.RETURNED);

  private final Shipments shipments;
  private final BlindIndex index;
  private final Erasures erasures;
  private final AuditLog audit;
  private final SubjectSettings settings;
  private final DisclosureHistory history;
  private final Clock clock;

  public SubjectData(Shipments shipments, BlindIndex index, Erasures erasures, AuditLog audit,
      SubjectSettings settings, DisclosureHistory history, Clock clock) {
    this.shipments = shipments;
    this.index = index;
    this.erasures = erasures;
    this.audit = audit;
    this.settings = settings;
    this.history = history;
    this.clock = clock;
  }

  /** One of the subject's shipments, with their own parties in it, decrypted in memory. */
  public record Held(Shipment shipment, Map<PartyRole, Person> parties) {
    public boolean erasable() {
      return FINISHED.contains(shipment.state());
    }

    @Override
    public String toString() {
      return "Held[" + shipment.waybill() + ", " + parties.keySet() + "]";
    }
  }

  /** The outcome of erasing one waybill: {@code erased}, {@code not_found} or {@code not_finished}. */
  public record Erased(String waybill, String outcome) {}

  /** True if the text is one of our waybill numbers in form (anything else is refused before it is logged). */
  public boolean isWaybill(String text) {
    return shipments.isWellFormed(text);
  }

  /** The subject's shipments, newest first; the caller shows them masked. */
  public List<Held> list(Subject subject) {
    List<Held> held = held(subject);
    audit.append(new AuditRecord("subject.list", subject.id(), "subject", null, null, PURPOSE, null,
        AuditRecord.Outcome.ALLOWED, held.size() + " shipments"));
    return held;
  }

  /**
   * Who saw the subject's data: the log's entries about their own parties of their shipments, with proofs. The
   * request is logged first; it discloses no personal data, only pseudonyms of principals.
   */
  public DisclosureHistory.History disclosures(Subject subject) {
    Map<String, Set<PartyRole>> mine = new LinkedHashMap<>();
    held(subject).forEach(h -> mine.put(h.shipment().waybill(), Set.copyOf(h.parties().keySet())));
    audit.append(new AuditRecord("subject.disclosures", subject.id(), "subject", null, null, PURPOSE, null,
        AuditRecord.Outcome.ALLOWED, mine.size() + " shipments"));
    return history.of(mine);
  }

  /** The subject's shipments with their own parties' plain data; every party disclosed is logged first. */
  public List<Held> export(Subject subject) {
    List<Held> held = held(subject);
    for (Held h : held) {
      for (PartyRole role : h.parties().keySet()) {
        audit.append(new AuditRecord("subject.export", subject.id(), "subject", h.shipment().waybill(),
            role.wireName(), PURPOSE, null, AuditRecord.Outcome.ALLOWED, null));
      }
    }
    return held;
  }

  /** Erases the personal data of those waybills that are the subject's and finished; logs each, allowed or not. */
  public List<Erased> erase(Subject subject, List<String> waybills) {
    Map<String, Held> mine = new LinkedHashMap<>();
    held(subject).forEach(h -> mine.put(h.shipment().waybill(), h));
    List<Erased> out = new ArrayList<>();
    for (String waybill : waybills) {
      Held h = mine.get(waybill);
      String refusal = h == null ? "not_found" : h.erasable() ? null : "not_finished";
      audit.append(new AuditRecord("subject.erase", subject.id(), "subject", waybill, null, PURPOSE, null,
          refusal == null ? AuditRecord.Outcome.ALLOWED : AuditRecord.Outcome.REFUSED, refusal));
      if (refusal == null) {
        erasures.erase(waybill, h.shipment().retentionDay(), clock.instant());
        mine.remove(waybill);
      }
      out.add(new Erased(waybill, refusal == null ? "erased" : refusal));
    }
    return out;
  }

  private List<Held> held(Subject subject) {
    List<Held> out = new ArrayList<>();
    List<String> indexes = index.allOf(subject.phone());
    for (Shipment s : shipments.byPhone(subject.phone(), settings.maxShipments())) {
      Map<PartyRole, Person> parties = new LinkedHashMap<>();
      for (PartyRole role : PartyRole.values()) {
        String idx = (role == PartyRole.SENDER ? s.sender() : s.recipient()).phoneIndex();
        if (idx == null || s.isShredded() || !indexes.contains(idx)) {
          continue; // another person's party, or nothing left: not decrypted
        }
        try {
          Person p = shipments.open(s, role);
          if (p.phone().equals(subject.phone())) {
            parties.put(role, p);
          }
        } catch (ShreddedException e) {
          // shredded between the look-up and now: nothing of theirs is left in it
        }
      }
      if (!parties.isEmpty()) {
        out.add(new Held(s, parties));
      }
    }
    return out;
  }
}

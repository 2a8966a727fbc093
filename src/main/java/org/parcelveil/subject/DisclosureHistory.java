package org.parcelveil.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditHistory;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.identity.Principal;
import org.parcelveil.vault.PartyRole;

/**
 * "Who saw my data": the log entries that disclosed or refused one person's data (reveals, relayed calls, support
 * look-ups, exports, erasures), newest first, each with its inclusion proof. A principal appears by role, station
 * and a stable pseudonym, never by id or name; an entry about the other party of a shipment is not shown.
 */
public final class DisclosureHistory {
  /** Most entries one history shows, newest first. */
  public static final int MAX_ENTRIES = 500;
  /** Refusal reasons are shown when they are one of the log's codes (not_assigned, ...), never free text. */
  private static final Pattern REASON_CODE = Pattern.compile("[a-z][a-z_]{0,39}");
  private static final Set<String> STAFF = Set.of("courier", "station", "support", "security", "admin", "merchant",
      "platform");

  private final AuditHistory audit;
  private final Principals principals;
  private final PrincipalPseudonyms pseudonyms;

  public DisclosureHistory(AuditHistory audit, Principals principals, PrincipalPseudonyms pseudonyms) {
    this.audit = audit;
    this.principals = principals;
    this.pseudonyms = pseudonyms;
  }

  /**
   * One entry as the person sees it. {@code principal} is the pseudonym of whoever asked; {@code reason} only for a
   * refusal; {@code leafHash} and {@code proof} (null until a checkpoint covers the entry) prove it is in the log.
   */
  public record Disclosure(long index, Instant time, String action, @Nullable String party, String role,
      String principal, @Nullable String station, @Nullable String purpose, String outcome, @Nullable String reason,
      String leafHash, @Nullable List<String> proof) {}

  /** The entries, newest first, and the signed checkpoint (C2SP note) their proofs lead to. */
  public record History(@Nullable String checkpoint, List<Disclosure> entries) {}

  /** The history of one parcel's party, for whoever proved they are that party (tracking's phone digits). */
  public History ofParcel(String waybill, PartyRole party) {
    return of(Map.of(waybill, Set.of(party)));
  }

  /** The history of the parties given per waybill. */
  History of(Map<String, Set<PartyRole>> partiesByWaybill) {
    Map<PartyRole, Set<String>> byParty = new EnumMap<>(PartyRole.class);
    partiesByWaybill.forEach((waybill, parties) ->
        parties.forEach(p -> byParty.computeIfAbsent(p, k -> new HashSet<>()).add(waybill)));
    List<AuditHistory.About> about = new ArrayList<>();
    byParty.forEach((party, waybills) -> about.add(new AuditHistory.About(waybills, Set.of(party.wireName()))));
    AuditHistory.Found found = audit.about(about, MAX_ENTRIES);
    Map<String, Optional<String>> stations = new HashMap<>();
    List<Disclosure> out = found.entries().stream().map(e -> view(e, stations)).toList();
    return new History(found.checkpoint(), out);
  }

  private Disclosure view(AuditHistory.Proven e, Map<String, Optional<String>> stations) {
    AuditRecord r = e.record();
    String station = STAFF.contains(r.principalRole())
        ? stations.computeIfAbsent(r.principalId(), id -> principals.find(id).map(Principal::stationCode)).orElse(null)
        : null;
    String reason = r.outcome() == AuditRecord.Outcome.REFUSED && r.reason() != null
        && REASON_CODE.matcher(r.reason()).matches() ? r.reason() : null;
    return new Disclosure(e.index(), e.time(), r.action(), r.party(), r.principalRole(),
        pseudonyms.of(r.principalId()), station, r.purpose(), r.outcome().wireName(), reason, e.leafHash(), e.proof());
  }
}

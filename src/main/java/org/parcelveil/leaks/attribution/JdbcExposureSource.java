package org.parcelveil.leaks.attribution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.parcelveil.audit.AuditEntries;
import org.parcelveil.shipment.ShipmentHolders;
import org.parcelveil.shipment.ShipmentHolders.Holders;
import org.parcelveil.store.Sql;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Phone;

/**
 * Matches leaked records against the store without decrypting it: by waybill, and by phone through the blind index
 * (every live key version). Who held each matched shipment comes from the shipment row (merchant, assignments), the
 * audit log (allowed reveals, with the party), scan events (label holders) and the canary table.
 */
public final class JdbcExposureSource implements ExposureSource {
  /** A phone shared by more shipments than this (a shop's number, say) adds only its first ones. */
  static final int MAX_PER_PHONE = 200;
  private static final int IN_CHUNK = 500;
  private final Sql sql;
  private final ShipmentHolders shipments;
  private final AuditEntries audit;
  private final BlindIndex blindIndex;

  public JdbcExposureSource(DataSource dataSource, BlindIndex blindIndex) {
    this.sql = Sql.over(dataSource);
    this.shipments = new ShipmentHolders(dataSource);
    this.audit = new AuditEntries(dataSource);
    this.blindIndex = blindIndex;
  }

  /** A shipment a record matched, and the party it matched. */
  private record Found(Holders row, String party) {
    String waybill() {
      return row.waybill();
    }

    Exposure build(List<Sighting> logged, String canaryChannel) {
      List<Sighting> all = new ArrayList<>(rowSightings(row.waybill(), row.merchant(), row.pickup(), row.delivery(),
          row.assignedAt(), row.createdAt(), canaryChannel));
      all.addAll(logged);
      return new Exposure(row.waybill(), party, canaryChannel, all);
    }
  }

  @Override
  public List<List<Exposure>> match(List<LeakRecord> records) {
    List<String> waybillOf = new ArrayList<>(records.size());
    List<List<String>> phoneOf = new ArrayList<>(records.size());
    Set<String> waybills = new LinkedHashSet<>();
    Set<String> indexes = new LinkedHashSet<>();
    for (LeakRecord r : records) {
      String w = r.waybill() == null ? null : r.waybill().strip();
      w = w == null || w.isEmpty() || w.length() > 24 ? null : w;
      waybillOf.add(w);
      if (w != null) {
        waybills.add(w);
      }
      List<String> idx = indexes(r.phone());
      phoneOf.add(idx);
      indexes.addAll(idx);
    }
    Map<String, Holders> byWaybill = new HashMap<>();
    for (Holders row : shipments.byWaybill(waybills)) {
      byWaybill.put(row.waybill(), row);
    }
    Map<String, List<Holders>> byRecipient = group(shipments.byRecipientIndex(indexes), Holders::recipientIdx);
    Map<String, List<Holders>> bySender = group(shipments.sentFrom(indexes, MAX_PER_PHONE), Holders::senderIdx);
    List<Map<String, Found>> perRecord = new ArrayList<>(records.size());
    Set<String> all = new LinkedHashSet<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, Found> found = new LinkedHashMap<>();
      Holders byNumber = waybillOf.get(i) == null ? null : byWaybill.get(waybillOf.get(i));
      List<String> idx = phoneOf.get(i);
      if (byNumber != null) {
        String party = idx.contains(byNumber.recipientIdx()) ? "recipient"
            : idx.contains(byNumber.senderIdx()) ? "sender" : null;
        found.put(byNumber.waybill(), new Found(byNumber, party));
      }
      for (String x : idx) {
        addAll(found, byRecipient.get(x), "recipient");
        addAll(found, bySender.get(x), "sender");
      }
      all.addAll(found.keySet());
      perRecord.add(found);
    }
    Map<String, List<Sighting>> sightings = sightings(all);
    Map<String, String> canaries = canaries(all);
    List<List<Exposure>> out = new ArrayList<>(records.size());
    for (Map<String, Found> found : perRecord) {
      List<Exposure> exposures = new ArrayList<>(found.size());
      found.values().forEach(b -> exposures.add(b.build(sightings.getOrDefault(b.waybill(), List.of()),
          canaries.get(b.waybill()))));
      out.add(exposures);
    }
    return out;
  }

  private List<String> indexes(String phone) {
    if (phone == null || phone.isBlank()) {
      return List.of();
    }
    try {
      return blindIndex.allOf(Phone.parse("phone", phone));
    } catch (ValidationException e) {
      return List.of(); // not a phone number: the record may still match by its waybill
    }
  }

  private static void addAll(Map<String, Found> found, List<Holders> rows, String party) {
    if (rows == null) {
      return;
    }
    for (int i = 0; i < rows.size() && found.size() < MAX_PER_PHONE; i++) {
      found.putIfAbsent(rows.get(i).waybill(), new Found(rows.get(i), party));
    }
  }

  private static Map<String, List<Holders>> group(List<Holders> rows,
      java.util.function.Function<Holders, String> key) {
    Map<String, List<Holders>> out = new HashMap<>();
    rows.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return out;
  }

  /** Reveals from the audit log and handlers from the scan events, per waybill. */
  private Map<String, List<Sighting>> sightings(Set<String> waybills) {
    Map<String, List<Sighting>> out = new HashMap<>();
    for (AuditEntries.Reveal r : audit.allowedReveals(waybills)) {
      out.computeIfAbsent(r.waybill(), k -> new ArrayList<>()).add(new Sighting(
          Agent.principal(r.principalId()), How.REVEALED, r.waybill(), r.party(), r.at()));
    }
    for (ShipmentHolders.Handling e : shipments.handlings(waybills)) {
      List<Sighting> l = out.computeIfAbsent(e.waybill(), k -> new ArrayList<>());
      l.add(new Sighting(Agent.principal(e.principalId()), How.HANDLED, e.waybill(), null, e.at()));
      if (e.courierId() != null) {
        l.add(new Sighting(Agent.principal(e.courierId()), How.ASSIGNED, e.waybill(), null, e.at()));
      }
    }
    return out;
  }

  /** The channel of each canary among these waybills (the leak feature's own table). */
  private Map<String, String> canaries(Set<String> waybills) {
    List<String> all = new ArrayList<>(waybills);
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      List<String> part = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
      sql.useHandle("could not match the leaked records", h -> h.createQuery(
              "SELECT waybill, channel FROM leak_canaries WHERE waybill IN (<waybills>)")
          .bindList("waybills", part)
          .map((rs, ctx) -> Map.entry(rs.getString("waybill"), rs.getString("channel")))
          .forEach(e -> out.put(e.getKey(), e.getValue())));
    }
    return out;
  }

  /** Sightings that the shipment row itself gives: its merchant (or canary channel) and its couriers. */
  static List<Sighting> rowSightings(String waybill, String merchant, String pickup, String delivery,
      Instant assignedAt, Instant createdAt, String canaryChannel) {
    List<Sighting> out = new ArrayList<>(3);
    out.add(canaryChannel != null
        ? new Sighting(Agent.channel(canaryChannel), How.CANARY_CHANNEL, waybill, null, createdAt)
        : new Sighting(Agent.principal(merchant), How.CREATED, waybill, null, createdAt));
    Instant at = assignedAt != null ? assignedAt : createdAt;
    if (pickup != null) {
      out.add(new Sighting(Agent.principal(pickup), How.ASSIGNED, waybill, null, at));
    }
    if (delivery != null) {
      out.add(new Sighting(Agent.principal(delivery), How.ASSIGNED, waybill, null, at));
    }
    return out;
  }
}

package org.parcelveil.leaks.attribution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;
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
  private final DataSource dataSource;
  private final BlindIndex blindIndex;

  public JdbcExposureSource(DataSource dataSource, BlindIndex blindIndex) {
    this.dataSource = dataSource;
    this.blindIndex = blindIndex;
  }

  /** The columns of a shipment that say who held it. */
  private record Row(String waybill, String merchant, String pickup, String delivery, Instant assignedAt,
      Instant createdAt, boolean canary, String recipientIdx, String senderIdx) {}

  /** A shipment a record matched, and the party it matched. */
  private record Found(Row row, String party) {
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
    try (Connection c = dataSource.getConnection()) {
      Map<String, Row> byWaybill = new HashMap<>();
      for (Row row : rows(c, "waybill", waybills)) {
        byWaybill.put(row.waybill(), row);
      }
      Map<String, List<Row>> byRecipient = group(rows(c, "recipient_phone_idx", indexes), Row::recipientIdx);
      Map<String, List<Row>> bySender = group(sentFrom(c, indexes), Row::senderIdx);
      List<Map<String, Found>> perRecord = new ArrayList<>(records.size());
      Set<String> all = new LinkedHashSet<>();
      for (int i = 0; i < records.size(); i++) {
        Map<String, Found> found = new LinkedHashMap<>();
        Row byNumber = waybillOf.get(i) == null ? null : byWaybill.get(waybillOf.get(i));
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
      Map<String, List<Sighting>> sightings = sightings(c, all);
      Map<String, String> canaries = canaries(c, all);
      List<List<Exposure>> out = new ArrayList<>(records.size());
      for (Map<String, Found> found : perRecord) {
        List<Exposure> exposures = new ArrayList<>(found.size());
        found.values().forEach(b -> exposures.add(b.build(sightings.getOrDefault(b.waybill(), List.of()),
            canaries.get(b.waybill()))));
        out.add(exposures);
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not match the leaked records", e);
    }
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

  private static void addAll(Map<String, Found> found, List<Row> rows, String party) {
    if (rows == null) {
      return;
    }
    for (int i = 0; i < rows.size() && found.size() < MAX_PER_PHONE; i++) {
      found.putIfAbsent(rows.get(i).waybill(), new Found(rows.get(i), party));
    }
  }

  private static Map<String, List<Row>> group(List<Row> rows, java.util.function.Function<Row, String> key) {
    Map<String, List<Row>> out = new HashMap<>();
    rows.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return out;
  }

  private static final String SELECT_ROWS = "SELECT waybill, merchant_id, pickup_courier_id, delivery_courier_id, "
      + "assigned_at, created_at, canary, recipient_phone_idx, sender_phone_idx FROM shipments WHERE ";

  private static List<Row> rows(Connection c, String column, Collection<String> values) throws SQLException {
    List<Row> out = new ArrayList<>();
    for (List<String> part : chunks(values)) {
      try (PreparedStatement ps = c.prepareStatement(SELECT_ROWS + column + " IN (" + marks(part.size()) + ")")) {
        bind(ps, part);
        read(ps, out);
      }
    }
    return out;
  }

  /**
   * Shipments sent from each number, one capped look-up per number. Sender numbers are few and shared (a shop's is
   * on thousands of parcels), so PostgreSQL's planner, which knows it, expects thousands of rows per value of an
   * IN-list and scans the whole table: 200 s for a 100,000-record leak over a million shipments, where reading the
   * matching rows by index took 8 s. One number at a time, capped at what is kept, always takes the index and never
   * reads a shop's whole history.
   */
  private static List<Row> sentFrom(Connection c, Collection<String> indexes) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        SELECT_ROWS + "sender_phone_idx = ? FETCH FIRST " + MAX_PER_PHONE + " ROWS ONLY")) {
      for (String index : indexes) {
        ps.setString(1, index);
        read(ps, out);
      }
    }
    return out;
  }

  private static void read(PreparedStatement ps, List<Row> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            instant(rs.getTimestamp(5)), rs.getTimestamp(6).toInstant(), rs.getBoolean(7), rs.getString(8),
            rs.getString(9)));
      }
    }
  }

  /** Reveals from the audit log and handlers from the scan events, per waybill. */
  private static Map<String, List<Sighting>> sightings(Connection c, Set<String> waybills) throws SQLException {
    Map<String, List<Sighting>> out = new HashMap<>();
    for (List<String> part : chunks(waybills)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT waybill, principal_id, party, at_us FROM audit_entries "
          + "WHERE waybill IN (" + marks(part.size()) + ") AND action = 'reveal' AND outcome = 'allowed'")) {
        bind(ps, part);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long us = rs.getLong(4);
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Sighting(
                Agent.principal(rs.getString(2)), How.REVEALED, rs.getString(1), rs.getString(3),
                Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000)));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT waybill, principal_id, courier_id, at FROM "
          + "shipment_events WHERE waybill IN (" + marks(part.size()) + ")")) {
        bind(ps, part);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            List<Sighting> l = out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
            Instant at = rs.getTimestamp(4).toInstant();
            l.add(new Sighting(Agent.principal(rs.getString(2)), How.HANDLED, rs.getString(1), null, at));
            if (rs.getString(3) != null) {
              l.add(new Sighting(Agent.principal(rs.getString(3)), How.ASSIGNED, rs.getString(1), null, at));
            }
          }
        }
      }
    }
    return out;
  }

  private static Map<String, String> canaries(Connection c, Set<String> waybills) throws SQLException {
    Map<String, String> out = new HashMap<>();
    for (List<String> part : chunks(waybills)) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT waybill, channel FROM leak_canaries WHERE waybill IN (" + marks(part.size()) + ")")) {
        bind(ps, part);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      }
    }
    return out;
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = new ArrayList<>(values);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
    }
    return out;
  }

  private static String marks(int n) {
    return "?, ".repeat(n - 1) + "?";
  }

  private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      ps.setString(i + 1, values.get(i));
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
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

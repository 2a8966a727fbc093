package org.parcelveil.shipment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;

/**
 * Who held shipments, read without decrypting anything: the shipment rows' merchant, couriers and blind indexes,
 * and the handlers their scan events name. For matching leaked records against the store.
 */
public final class ShipmentHolders {
  private static final int IN_CHUNK = 500;
  private static final String SELECT = "SELECT waybill, merchant_id, pickup_courier_id, delivery_courier_id, "
      + "assigned_at, created_at, canary, recipient_phone_idx, sender_phone_idx FROM shipments WHERE ";
  private static final RowMapper<Holders> HOLDERS = (rs, ctx) -> new Holders(rs.getString("waybill"),
      rs.getString("merchant_id"), rs.getString("pickup_courier_id"), rs.getString("delivery_courier_id"),
      ShipmentRepository.instant(rs.getTimestamp("assigned_at")), rs.getTimestamp("created_at").toInstant(),
      rs.getBoolean("canary"), rs.getString("recipient_phone_idx"), rs.getString("sender_phone_idx"));
  private final Sql sql;

  public ShipmentHolders(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** The columns of a shipment that say who held it. */
  public record Holders(String waybill, String merchant, @Nullable String pickup, @Nullable String delivery,
      @Nullable Instant assignedAt, Instant createdAt, boolean canary, @Nullable String recipientIdx,
      @Nullable String senderIdx) {}

  /** One scan event's principal, and the courier it assigned if any. */
  public record Handling(String waybill, String principalId, @Nullable String courierId, Instant at) {}

  /** The shipments with these waybills. */
  public List<Holders> byWaybill(Collection<String> waybills) {
    return in("waybill", waybills);
  }

  /** The shipments whose recipient phone has one of these blind indexes. */
  public List<Holders> byRecipientIndex(Collection<String> indexes) {
    return in("recipient_phone_idx", indexes);
  }

  /**
   * Shipments sent from each number, at most {@code cap} per number, one capped look-up per number. Sender numbers
   * are few and shared (a shop's is on thousands of parcels), so PostgreSQL's planner, which knows it, expects
   * thousands of rows per value of an IN-list and scans the whole table: 200 s for a 100,000-record leak over a
   * million shipments, where reading the matching rows by index took 8 s. One number at a time, capped at what is
   * kept, always takes the index and never reads a shop's whole history.
   */
  public List<Holders> sentFrom(Collection<String> indexes, int cap) {
    return sql.withHandle("could not match the leaked records", h -> {
      List<Holders> out = new ArrayList<>();
      String capped = SELECT + "sender_phone_idx = :index FETCH FIRST " + cap + " ROWS ONLY";
      for (String index : indexes) {
        out.addAll(h.createQuery(capped).bind("index", index).map(HOLDERS).list());
      }
      return out;
    });
  }

  /** Every scan event of these shipments. */
  public List<Handling> handlings(Collection<String> waybills) {
    List<Handling> out = new ArrayList<>();
    for (List<String> part : chunks(waybills)) {
      out.addAll(sql.withHandle("could not match the leaked records", h -> h.createQuery(
              "SELECT waybill, principal_id, courier_id, at FROM shipment_events WHERE waybill IN (<waybills>)")
          .bindList("waybills", part)
          .map((rs, ctx) -> new Handling(rs.getString("waybill"), rs.getString("principal_id"),
              rs.getString("courier_id"), rs.getTimestamp("at").toInstant()))
          .list()));
    }
    return out;
  }

  private List<Holders> in(String column, Collection<String> values) {
    List<Holders> out = new ArrayList<>();
    for (List<String> part : chunks(values)) {
      out.addAll(sql.withHandle("could not match the leaked records", h -> h.createQuery(
              SELECT + column + " IN (<values>)")
          .bindList("values", part).map(HOLDERS).list()));
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
}

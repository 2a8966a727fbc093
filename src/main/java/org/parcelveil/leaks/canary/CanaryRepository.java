package org.parcelveil.leaks.canary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.parcelveil.shipment.CanaryFlags;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/** Canary rows, the canary flag on shipments (through the shipment feature), and the internal merchant's id. */
final class CanaryRepository {
  private static final String MERCHANT_KEY = "canary.merchant";
  private final Sql sql;
  private final CanaryFlags flags;

  CanaryRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
    this.flags = new CanaryFlags(dataSource);
  }

  /** Marks the shipments as canaries of {@code channel}, all or none. */
  void mark(List<String> waybills, String channel, String createdBy, Instant at) {
    sql.useTransaction("could not mark canaries", h -> {
      CanaryFlags.flag(h, waybills);
      PreparedBatch ins = h.prepareBatch("INSERT INTO leak_canaries (waybill, channel, created_by, created_at) "
          + "VALUES (:waybill, :channel, :createdBy, :createdAt)");
      waybills.forEach(w -> ins.bind("waybill", w).bind("channel", channel).bind("createdBy", createdBy)
          .bind("createdAt", at).add());
      if (!waybills.isEmpty()) {
        ins.execute();
      }
    });
  }

  List<Canary> all() {
    return sql.withHandle("could not read canaries", h -> h.createQuery(
            "SELECT waybill, channel, created_at FROM leak_canaries ORDER BY created_at, waybill")
        .map((rs, ctx) -> new Canary(rs.getString("waybill"), rs.getString("channel"),
            rs.getTimestamp("created_at").toInstant()))
        .list());
  }

  /** Canary waybills whose recipient or sender phone has one of these blind indexes. */
  List<String> byPhoneIndex(List<String> indexes) {
    return flags.byPhoneIndex(indexes);
  }

  Optional<String> internalMerchant() {
    return sql.withHandle("could not read the canary merchant", h -> h.createQuery(
            "SELECT state_value FROM leak_state WHERE state_key = :key")
        .bind("key", MERCHANT_KEY).mapTo(String.class).findOne());
  }

  /** Records the internal merchant; false if another node recorded one first. */
  boolean setInternalMerchant(String id) {
    try {
      sql.useHandle("could not record the canary merchant", h -> h.createUpdate(
              "INSERT INTO leak_state (state_key, state_value) VALUES (:key, :value)")
          .bind("key", MERCHANT_KEY).bind("value", id).execute());
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }
}

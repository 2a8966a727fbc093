package org.parcelveil.intake;

import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.SealedPerson;

/** The {@code platform_orders} table. */
final class PlatformOrderRepository {
  private static final String COLUMNS = "handle, platform_id, order_id, merchant_id, retention_day, created_at, "
      + "province, city, district, recipient_name, recipient_phone, recipient_street, recipient_detail, "
      + "recipient_phone_idx";
  private static final RowMapper<PlatformOrder> ORDER = (rs, ctx) -> new PlatformOrder(rs.getString("handle"),
      rs.getString("platform_id"), rs.getString("order_id"), rs.getString("merchant_id"),
      rs.getDate("retention_day").toLocalDate(), rs.getTimestamp("created_at").toInstant(),
      new SealedPerson(new Area(rs.getString("province"), rs.getString("city"), rs.getString("district")),
          rs.getBytes("recipient_name"), rs.getBytes("recipient_phone"), rs.getBytes("recipient_street"),
          rs.getBytes("recipient_detail"), rs.getString("recipient_phone_idx")));
  private final Sql sql;

  PlatformOrderRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Stores the order; false if this platform registered this order for this shop already. */
  boolean insert(PlatformOrder o) {
    SealedPerson r = o.recipient();
    try {
      sql.useHandle("could not store the order", h -> h.createUpdate("INSERT INTO platform_orders (" + COLUMNS
              + ") VALUES (:handle, :platform, :order, :merchant, :day, :created, :province, :city, :district, "
              + ":name, :phone, :street, :detail, :phoneIdx)")
          .bind("handle", o.handle()).bind("platform", o.platformId()).bind("order", o.orderId())
          .bind("merchant", o.merchantId()).bind("day", o.retentionDay()).bind("created", o.createdAt())
          .bind("province", r.area().province()).bind("city", r.area().city())
          .bind("district", r.area().district()).bind("name", r.name()).bind("phone", r.phone())
          .bind("street", r.street()).bind("detail", r.detail()).bind("phoneIdx", r.phoneIndex())
          .execute());
      return true;
    } catch (DuplicateKeyException registered) {
      return false;
    }
  }

  Optional<PlatformOrder> find(String platformId, String orderId, String merchantId) {
    return sql.withHandle("could not read the order", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM platform_orders WHERE platform_id = :platform AND order_id = :order AND merchant_id = :merchant")
        .bind("platform", platformId).bind("order", orderId).bind("merchant", merchantId)
        .map(ORDER).findOne());
  }

  /** The merchant is part of the lookup, not only a check after it: on Citus it names the one shard to read. */
  Optional<PlatformOrder> findForMerchant(String handle, String merchantId) {
    return sql.withHandle("could not read the order", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM platform_orders WHERE merchant_id = :merchant AND handle = :handle")
        .bind("merchant", merchantId).bind("handle", handle).map(ORDER).findOne());
  }
}

package org.parcelveil.verify;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;

/**
 * Which order owns a waybill, and on what evidence. The first order whose verification passed claims it; an order
 * with stronger evidence (the recipient's phone against areas alone) takes it over. A claim is one insert keyed by
 * the waybill and a take-over one update conditional on the weaker evidence, so on several nodes exactly one order
 * wins a race.
 */
final class ClaimRegistry {
  private static final RowMapper<Claim> CLAIM = (rs, ctx) -> new Claim(rs.getString("platform_id"),
      rs.getString("order_id"), Evidence.ofRank(rs.getInt("evidence")));
  private final Sql sql;

  ClaimRegistry(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** An order of a platform that holds a waybill, and the evidence it was claimed on. */
  record Claim(String platformId, String orderId, Evidence evidence) {
    boolean isBy(String platform, String order) {
      return platformId.equals(platform) && orderId.equals(order);
    }
  }

  Optional<Claim> find(String waybill) {
    return sql.withHandle("could not read the waybill's claim", h -> h.createQuery(
            "SELECT platform_id, order_id, evidence FROM waybill_claims WHERE waybill = :waybill")
        .bind("waybill", waybill).map(CLAIM).findFirst());
  }

  /** Claims the waybill for the order unless another got there first; returns whoever holds it now. */
  Claim claim(String waybill, String platformId, String orderId, Evidence evidence, Instant now) {
    try {
      sql.useHandle("could not claim the waybill", h -> h.createUpdate("INSERT INTO waybill_claims "
              + "(waybill, platform_id, order_id, evidence, claimed_at) "
              + "VALUES (:waybill, :platformId, :orderId, :evidence, :now)")
          .bind("waybill", waybill).bind("platformId", platformId).bind("orderId", orderId)
          .bind("evidence", evidence.rank).bind("now", now)
          .execute());
      return new Claim(platformId, orderId, evidence);
    } catch (DuplicateKeyException claimedFirst) {
      return find(waybill).orElseThrow(() -> new StoreException("a claim vanished", claimedFirst.getCause()));
    }
  }

  /**
   * Gives the waybill to the order if the claim on it now rests on weaker evidence (the holder's own claim is
   * strengthened the same way); returns whoever holds it afterwards. Of racing orders with equal evidence, the first
   * update wins: the others find the evidence no longer weaker.
   */
  Claim takeOver(String waybill, String platformId, String orderId, Evidence evidence, Instant now) {
    sql.useHandle("could not take over the waybill's claim", h -> h.createUpdate("UPDATE waybill_claims "
            + "SET platform_id = :platformId, order_id = :orderId, evidence = :evidence, claimed_at = :now "
            + "WHERE waybill = :waybill AND evidence < :evidence")
        .bind("platformId", platformId).bind("orderId", orderId).bind("evidence", evidence.rank).bind("now", now)
        .bind("waybill", waybill)
        .execute());
    return find(waybill).orElseThrow(() -> new StoreException("a claim vanished", null));
  }
}

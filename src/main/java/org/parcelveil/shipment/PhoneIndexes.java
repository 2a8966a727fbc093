package org.parcelveil.shipment;

import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.PartyRole;

/**
 * The shipments' phone blind indexes, for re-indexing under a new key version: rows still under an older version, in
 * waybill order, and conditional replacement of one index at a time.
 */
public final class PhoneIndexes {
  private static final RowMapper<Phones> PHONES = (rs, ctx) -> new Phones(rs.getString("waybill"),
      rs.getObject("retention_day", LocalDate.class), rs.getTimestamp("shredded_at") != null,
      rs.getBytes("sender_phone"), rs.getString("sender_phone_idx"), rs.getBytes("recipient_phone"),
      rs.getString("recipient_phone_idx"));
  private final Sql sql;

  public PhoneIndexes(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** One shipment's sealed phones and their indexes. */
  public record Phones(String waybill, LocalDate bucket, boolean shredded, byte @Nullable [] senderPhone,
      @Nullable String senderIndex, byte @Nullable [] recipientPhone, @Nullable String recipientIndex) {
    public @Nullable String index(PartyRole role) {
      return role == PartyRole.SENDER ? senderIndex : recipientIndex;
    }

    public byte @Nullable [] phone(PartyRole role) {
      return role == PartyRole.SENDER ? senderPhone : recipientPhone;
    }
  }

  /** One index to replace, only if the row still holds {@code old}: null removes it. */
  public record Change(String waybill, PartyRole role, String old, @Nullable String fresh) {}

  /**
   * Up to {@code limit} shipments after {@code cursor}, in waybill order, with an index not matching
   * {@code currentLike} (a LIKE pattern of the current version).
   */
  public List<Phones> notUnder(String cursor, String currentLike, int limit) {
    return sql.withHandle("could not read shipments to re-index", h -> h.createQuery("SELECT waybill, "
            + "retention_day, shredded_at, sender_phone, sender_phone_idx, recipient_phone, recipient_phone_idx "
            + "FROM shipments WHERE waybill > :cursor AND ("
            + "(sender_phone_idx IS NOT NULL AND sender_phone_idx NOT LIKE :current) OR "
            + "(recipient_phone_idx IS NOT NULL AND recipient_phone_idx NOT LIKE :current)) ORDER BY waybill "
            + "FETCH FIRST " + limit + " ROWS ONLY")
        .bind("cursor", cursor).bind("current", currentLike).map(PHONES).list());
  }

  /** Applies the changes in one transaction; for each, how many rows it changed (0: the row moved on). */
  public int[] apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return new int[0];
    }
    return sql.inTransaction("could not re-index shipments", h -> {
      int[] out = new int[changes.size()];
      for (int i = 0; i < changes.size(); i++) {
        Change ch = changes.get(i);
        String column = ch.role() == PartyRole.SENDER ? "sender_phone_idx" : "recipient_phone_idx";
        out[i] = h.createUpdate("UPDATE shipments SET " + column + " = :fresh WHERE waybill = :waybill AND "
                + column + " = :old")
            .bind("fresh", ch.fresh()).bind("waybill", ch.waybill()).bind("old", ch.old()).execute();
      }
      return out;
    });
  }

  /** How many sender and recipient indexes match {@code like}. */
  public long countLike(String like) {
    return sql.withHandle("could not count blind indexes", h ->
        h.createQuery("SELECT COUNT(*) FROM shipments WHERE sender_phone_idx LIKE :like").bind("like", like)
            .mapTo(Long.class).one()
        + h.createQuery("SELECT COUNT(*) FROM shipments WHERE recipient_phone_idx LIKE :like").bind("like", like)
            .mapTo(Long.class).one());
  }
}

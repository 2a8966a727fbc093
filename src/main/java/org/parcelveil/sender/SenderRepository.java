package org.parcelveil.sender;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.SealedPerson;

/** The {@code senders} table. Every statement names the merchant: on Citus it names the one shard to ask. */
final class SenderRepository {
  /** A stored entry, still sealed. */
  record Row(String id, boolean isDefault, Instant createdAt, SealedPerson sealed) {}

  private static final String COLUMNS =
      "id, is_default, created_at, province, city, district, name, phone, street, detail";
  private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString("id"), rs.getBoolean("is_default"),
      rs.getTimestamp("created_at").toInstant(),
      new SealedPerson(new Area(rs.getString("province"), rs.getString("city"), rs.getString("district")),
          rs.getBytes("name"), rs.getBytes("phone"), rs.getBytes("street"), rs.getBytes("detail"), ""));
  private final Sql sql;

  SenderRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /**
   * Stores a new entry, as the default if asked (the former default no longer is), in one transaction; false (and
   * nothing stored) if the merchant already has {@code max}. The merchant's rows are locked first, so saves that
   * arrive together take turns: each counts the others' entries and clears the default another one just set.
   */
  boolean insert(String merchantId, String id, Instant createdAt, SealedPerson s, boolean asDefault, int max) {
    return sql.inTransaction("could not save the sender", h -> {
      h.createQuery("SELECT id FROM senders WHERE merchant_id = :m FOR UPDATE").bind("m", merchantId)
          .mapTo(String.class).list();
      if (h.createQuery("SELECT count(*) FROM senders WHERE merchant_id = :m").bind("m", merchantId)
          .mapTo(Integer.class).one() >= max) {
        return false;
      }
      if (asDefault) {
        h.createUpdate("UPDATE senders SET is_default = FALSE WHERE merchant_id = :m AND is_default")
            .bind("m", merchantId).execute();
      }
      h.createUpdate("INSERT INTO senders (merchant_id, " + COLUMNS + ") VALUES (:m, :id, :def, :created, "
              + ":province, :city, :district, :name, :phone, :street, :detail)")
          .bind("m", merchantId).bind("id", id).bind("def", asDefault).bind("created", createdAt)
          .bind("province", s.area().province()).bind("city", s.area().city()).bind("district", s.area().district())
          .bind("name", s.name()).bind("phone", s.phone()).bind("street", s.street()).bind("detail", s.detail())
          .execute();
      return true;
    });
  }

  /** The merchant's entries, the default first, then newest first. */
  List<Row> list(String merchantId) {
    return sql.withHandle("could not read the senders", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM senders WHERE merchant_id = :m ORDER BY is_default DESC, created_at DESC, id")
        .bind("m", merchantId).map(ROW).list());
  }

  Optional<Row> find(String merchantId, String id) {
    return sql.withHandle("could not read the sender", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM senders WHERE merchant_id = :m AND id = :id")
        .bind("m", merchantId).bind("id", id).map(ROW).findOne());
  }

  Optional<Row> findDefault(String merchantId) {
    return sql.withHandle("could not read the sender", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM senders WHERE merchant_id = :m AND is_default")
        .bind("m", merchantId).map(ROW).findOne());
  }

  /** True if the merchant had this entry. */
  boolean delete(String merchantId, String id) {
    return sql.withHandle("could not delete the sender", h -> h.createUpdate(
            "DELETE FROM senders WHERE merchant_id = :m AND id = :id")
        .bind("m", merchantId).bind("id", id).execute()) > 0;
  }

  /** Makes the entry the merchant's default, in one transaction; false (and nothing changed) if it has no such entry. */
  boolean makeDefault(String merchantId, String id) {
    return sql.inTransaction("could not set the default sender", h -> {
      boolean exists = h.createQuery("SELECT id FROM senders WHERE merchant_id = :m AND id = :id FOR UPDATE")
          .bind("m", merchantId).bind("id", id).mapTo(String.class).findOne().isPresent();
      if (!exists) {
        return false;
      }
      h.createUpdate("UPDATE senders SET is_default = FALSE WHERE merchant_id = :m AND is_default AND id <> :id")
          .bind("m", merchantId).bind("id", id).execute();
      h.createUpdate("UPDATE senders SET is_default = TRUE WHERE merchant_id = :m AND id = :id")
          .bind("m", merchantId).bind("id", id).execute();
      return true;
    });
  }
}

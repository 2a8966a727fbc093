package org.parcelveil.relay;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.Sql;

/** Relay bindings as rows. */
final class RelayRepository {
  private static final String COLUMNS = "id, waybill, party, courier_id, number, extension, opened_at";
  private static final RowMapper<RelayBinding> BINDING = (rs, ctx) -> new RelayBinding(rs.getString("id"),
      rs.getString("waybill"), rs.getString("party"), rs.getString("courier_id"), rs.getString("number"),
      rs.getString("extension"), rs.getTimestamp("opened_at").toInstant());
  private final Sql sql;

  RelayRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  Optional<RelayBinding> findOpen(String waybill, String party, String courierId) {
    return sql.withHandle("could not read relay bindings", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM relay_bindings WHERE waybill = :waybill AND party = :party AND courier_id = :courierId "
            + "AND closed_at IS NULL")
        .bind("waybill", waybill).bind("party", party).bind("courierId", courierId)
        .map(BINDING).findFirst());
  }

  Optional<RelayBinding> findOpenByRoute(String number, String extension) {
    return sql.withHandle("could not read relay bindings", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM relay_bindings WHERE number = :number AND extension = :extension AND closed_at IS NULL")
        .bind("number", number).bind("extension", extension)
        .map(BINDING).findFirst());
  }

  /** True if an unexpired binding already uses this number and extension. */
  boolean inUse(String number, String extension, Instant openedAfter) {
    return sql.withHandle("could not read relay bindings", h -> h.createQuery("SELECT COUNT(*) FROM relay_bindings "
            + "WHERE number = :number AND extension = :extension AND closed_at IS NULL AND opened_at > :openedAfter")
        .bind("number", number).bind("extension", extension).bind("openedAfter", openedAfter)
        .mapTo(long.class).one() > 0);
  }

  void insert(RelayBinding b) {
    sql.useHandle("could not store the relay binding", h -> h.createUpdate("INSERT INTO relay_bindings (" + COLUMNS
            + ") VALUES (:id, :waybill, :party, :courierId, :number, :extension, :openedAt)")
        .bind("id", b.id()).bind("waybill", b.waybill()).bind("party", b.party()).bind("courierId", b.courierId())
        .bind("number", b.number()).bind("extension", b.extension()).bind("openedAt", b.openedAt())
        .execute());
  }

  void close(String id, Instant at) {
    sql.useHandle("could not close the relay binding", h -> h.createUpdate(
            "UPDATE relay_bindings SET closed_at = :at WHERE id = :id AND closed_at IS NULL")
        .bind("at", at).bind("id", id)
        .execute());
  }
}

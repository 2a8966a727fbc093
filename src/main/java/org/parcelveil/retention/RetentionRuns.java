package org.parcelveil.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/** The last retention run as one row of {@code retention_runs}: when, and how much it shredded. */
final class RetentionRuns {
  private static final RowMapper<RetentionStatus.LastRun> LAST_RUN = (rs, ctx) -> new RetentionStatus.LastRun(
      rs.getTimestamp("ran_at").toInstant(), rs.getInt("buckets"), rs.getInt("shipments"));
  private final Sql sql;

  RetentionRuns(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  void record(Instant at, int buckets, int shipments) {
    try {
      sql.useHandle("could not record the retention run", h -> {
        int updated = h.createUpdate("UPDATE retention_runs SET ran_at = :at, buckets = :buckets, "
                + "shipments = :shipments WHERE id = 1")
            .bind("at", at).bind("buckets", buckets).bind("shipments", shipments)
            .execute();
        if (updated == 0) {
          h.createUpdate("INSERT INTO retention_runs (ran_at, buckets, shipments, id) "
                  + "VALUES (:at, :buckets, :shipments, 1)")
              .bind("at", at).bind("buckets", buckets).bind("shipments", shipments)
              .execute();
        }
      });
    } catch (DuplicateKeyException otherNodeFirst) {
      // Two nodes' first runs may race to insert; the other's row says as much as this one would.
    }
  }

  Optional<RetentionStatus.LastRun> last() {
    return sql.withHandle("could not read the last retention run", h -> h.createQuery(
            "SELECT ran_at, buckets, shipments FROM retention_runs WHERE id = 1")
        .map(LAST_RUN).findFirst());
  }

  /** The newest erasure the last scrub covered. */
  Optional<Instant> scrubbedThrough() {
    return sql.withHandle("could not read the last scrub", h -> h.createQuery(
            "SELECT scrubbed_through FROM retention_runs WHERE id = 1")
        .map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp("scrubbed_through")).map(Timestamp::toInstant))
        .findFirst())
        .flatMap(through -> through);
  }

  void scrubbedThrough(Instant newestErasure) {
    sql.useHandle("could not record the scrub", h -> h.createUpdate(
            "UPDATE retention_runs SET scrubbed_through = :through WHERE id = 1")
        .bind("through", newestErasure)
        .execute());
  }
}

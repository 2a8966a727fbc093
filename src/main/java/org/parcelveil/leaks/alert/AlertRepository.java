package org.parcelveil.leaks.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;

/** Alerts as rows of {@code leak_alerts}. */
public final class AlertRepository {
  private static final String COLUMNS = "id, severity, kind, principal_id, waybill, detail, at, suspended_at";
  private static final String READ_COLUMNS = COLUMNS + ", acknowledged_at";
  private static final RowMapper<Alert> ALERT = (rs, ctx) -> {
    Timestamp suspended = rs.getTimestamp("suspended_at");
    Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
    return new Alert(rs.getString("id"), Severity.valueOf(rs.getString("severity")), rs.getString("kind"),
        rs.getString("principal_id"), rs.getString("waybill"), rs.getString("detail"),
        rs.getTimestamp("at").toInstant(), suspended == null ? null : suspended.toInstant(),
        acknowledged == null ? null : acknowledged.toInstant());
  };
  private final Sql sql;

  public AlertRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Work that must commit or roll back with the alert it goes with (the webhook call it is owed). */
  @FunctionalInterface
  interface InSameTransaction {
    void run(Handle h);
  }

  public void insert(Alert a) {
    insert(a, h -> { });
  }

  /** Stores the alert and runs {@code also} in the same transaction: both are kept, or neither. */
  void insert(Alert a, InSameTransaction also) {
    sql.useTransaction("could not store the alert", h -> {
      h.createUpdate("INSERT INTO leak_alerts (" + COLUMNS + ") VALUES (:id, :severity, :kind, :principalId, "
              + ":waybill, :detail, :at, :suspendedAt)")
          .bind("id", a.id()).bind("severity", a.severity().name()).bind("kind", a.kind())
          .bind("principalId", a.principalId()).bind("waybill", a.waybill()).bind("detail", a.detail())
          .bind("at", a.at()).bindByType("suspendedAt", a.suspendedAt(), Instant.class)
          .execute();
      also.run(h);
    });
  }

  /** Alerts raised at or after {@code since}, oldest first, at most {@code limit}. */
  public List<Alert> since(Instant since, int limit) {
    return sql.withHandle("could not read alerts", h -> h.createQuery("SELECT " + READ_COLUMNS
            + " FROM leak_alerts WHERE at >= :since ORDER BY at, id FETCH FIRST :limit ROWS ONLY")
        .bind("since", since).bind("limit", limit).map(ALERT).list());
  }

  /**
   * One page of the alerts raised at or after {@code since}, oldest first, after the position {@code afterAt},
   * {@code afterId} (none for the first page), in a state and of a kind when given: at most {@code fetch}.
   */
  public List<Alert> page(Instant since, @Nullable Instant afterAt, @Nullable String afterId,
      @Nullable AlertState state, @Nullable String kind, int fetch) {
    String where = "at >= :since"
        + (afterAt == null ? "" : " AND (at > :afterAt OR (at = :afterAt AND id > :afterId))")
        + (kind == null ? "" : " AND kind = :kind")
        + (state == null ? "" : switch (state) {
          case SUSPENDED -> " AND suspended_at IS NOT NULL";
          case ACKNOWLEDGED -> " AND suspended_at IS NULL AND acknowledged_at IS NOT NULL";
          case OPEN -> " AND suspended_at IS NULL AND acknowledged_at IS NULL";
        });
    return sql.withHandle("could not read alerts", h -> {
      var q = h.createQuery("SELECT " + READ_COLUMNS + " FROM leak_alerts WHERE " + where
              + " ORDER BY at, id FETCH FIRST :fetch ROWS ONLY")
          .bind("since", since).bind("fetch", fetch);
      if (afterAt != null) {
        q.bind("afterAt", afterAt).bind("afterId", afterId);
      }
      if (kind != null) {
        q.bind("kind", kind);
      }
      return q.map(ALERT).list();
    });
  }

  public Optional<Alert> find(String id) {
    return sql.withHandle("could not read the alert", h -> h.createQuery(
            "SELECT " + READ_COLUMNS + " FROM leak_alerts WHERE id = :id")
        .bind("id", id).map(ALERT).findFirst());
  }

  public void markSuspended(String id, String by, Instant at) {
    sql.useHandle("could not update the alert", h -> h.createUpdate("UPDATE leak_alerts SET suspended_at = :at, "
            + "suspended_by = :by WHERE id = :id AND suspended_at IS NULL")
        .bind("at", at).bind("by", by).bind("id", id)
        .execute());
  }

  /** Marks an alert acknowledged unless it was already; false if nothing changed. */
  public boolean markAcknowledged(String id, String by, Instant at) {
    return sql.withHandle("could not update the alert", h -> h.createUpdate("UPDATE leak_alerts SET "
            + "acknowledged_at = :at, acknowledged_by = :by WHERE id = :id AND acknowledged_at IS NULL")
        .bind("at", at).bind("by", by).bind("id", id)
        .execute() == 1);
  }
}

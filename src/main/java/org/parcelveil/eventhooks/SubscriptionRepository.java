package org.parcelveil.eventhooks;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.parcelveil.identity.Role;
import org.parcelveil.store.Sql;

/** Subscriptions as rows of {@code webhook_subscriptions}, each with its sealed secret. */
final class SubscriptionRepository {
  private static final String COLUMNS = "id, owner_id, owner_role, url, events, waybill, created_at";
  private static final RowMapper<Subscription> ROW = (rs, ctx) -> new Subscription(rs.getString("id"),
      rs.getString("owner_id"), Role.valueOf(rs.getString("owner_role")), URI.create(rs.getString("url")),
      Arrays.asList(rs.getString("events").split(" ")), rs.getString("waybill"),
      rs.getTimestamp("created_at").toInstant());
  private final Sql sql;

  /** A subscription and its sealed secret, for signing a call. */
  record Sealed(Subscription subscription, byte[] secret) {}

  SubscriptionRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /**
   * Stores {@code s} unless its owner already holds {@code max}: the owner is locked first, so two requests at once
   * cannot both take the last place. Returns whether it was stored.
   */
  boolean insert(Subscription s, byte[] sealedSecret, int max) {
    return sql.inTransaction("could not store a webhook subscription", h -> {
      lockOwner(h, s.ownerId());
      long held = h.createQuery("SELECT COUNT(*) FROM webhook_subscriptions WHERE owner_id = :owner")
          .bind("owner", s.ownerId()).mapTo(Long.class).one();
      if (held >= max) {
        return false;
      }
      h.createUpdate("INSERT INTO webhook_subscriptions (" + COLUMNS + ", secret) VALUES (:id, :owner, :role, :url, "
              + ":events, :waybill, :createdAt, :secret)")
          .bind("id", s.id()).bind("owner", s.ownerId()).bind("role", s.ownerRole().name())
          .bind("url", s.url().toString()).bind("events", String.join(" ", s.events()))
          .bind("waybill", s.waybill()).bind("createdAt", s.createdAt()).bind("secret", sealedSecret)
          .execute();
      return true;
    });
  }

  /** Serialises creations per owner even when it holds none yet (no rows to lock): a transaction-level lock. */
  private static void lockOwner(Handle h, String owner) {
    h.createQuery("SELECT pg_advisory_xact_lock(hashtext(:key))").bind("key", "webhook-owner|" + owner)
        .mapTo(String.class).findOne();
  }

  List<Subscription> ofOwner(String owner) {
    return sql.withHandle("could not read webhook subscriptions", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM webhook_subscriptions WHERE owner_id = :owner ORDER BY created_at, id")
        .bind("owner", owner).map(ROW).list());
  }

  List<Subscription> all() {
    return sql.withHandle("could not read webhook subscriptions", h -> h.createQuery("SELECT " + COLUMNS
            + " FROM webhook_subscriptions").map(ROW).list());
  }

  Optional<Sealed> find(String id) {
    return sql.withHandle("could not read a webhook subscription", h -> h.createQuery("SELECT " + COLUMNS
            + ", secret FROM webhook_subscriptions WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> new Sealed(ROW.map(rs, ctx), rs.getBytes("secret"))).findOne());
  }

  boolean delete(String id, String owner) {
    return sql.withHandle("could not delete a webhook subscription", h -> h.createUpdate(
            "DELETE FROM webhook_subscriptions WHERE id = :id AND owner_id = :owner")
        .bind("id", id).bind("owner", owner).execute() == 1);
  }
}

package org.parcelveil.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.store.Sql;

/**
 * The delivery log of one subscription's calls, newest first: each call's state, and every settled try with its
 * time and its HTTP status or error class. Never a body: neither the call's nor the receiver's answer is kept.
 */
public final class DeliveryLog {
  private final Sql sql;

  /** One settled try. */
  public record Attempt(int attempt, Instant at, String outcome) {}

  /** One call: its event id (X-PV-Event-Id), payload, when it was owed, its state and its tries. */
  public record Delivery(String id, String payload, Instant createdAt, String status, int attempts,
      @Nullable Instant settledAt, @Nullable String lastOutcome, List<Attempt> tries) {}

  public DeliveryLog(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** A page of the calls of {@code subscription}, newest first, as every list pages ({@link Paging}). */
  public Page<Delivery> of(String subscription, Paging.Request request) {
    Paging.TimeAndId after = request.after() == null ? null : Paging.timeAndId(request.after());
    return sql.withHandle("could not read a delivery log", h -> {
      var q = h.createQuery("SELECT id, payload, created_at, attempts, delivered_at, abandoned_at, last_outcome "
              + "FROM webhook_outbox WHERE subscription_id = :subscription "
              + (after != null ? "AND (created_at < :at OR (created_at = :at AND id < :id)) " : "")
              + "ORDER BY created_at DESC, id DESC LIMIT :fetch")
          .bind("subscription", subscription).bind("fetch", request.fetch());
      if (after != null) {
        q.bind("at", after.at()).bind("id", after.id());
      }
      Map<String, Delivery> calls = new LinkedHashMap<>();
      q.map((rs, ctx) -> {
        Instant delivered = instant(rs.getTimestamp("delivered_at"));
        Instant abandoned = instant(rs.getTimestamp("abandoned_at"));
        String status = delivered != null ? "delivered" : abandoned != null ? "abandoned" : "pending";
        return new Delivery(rs.getString("id"), rs.getString("payload"), rs.getTimestamp("created_at").toInstant(),
            status, rs.getInt("attempts"), delivered != null ? delivered : abandoned, rs.getString("last_outcome"),
            new ArrayList<>());
      }).forEach(d -> calls.put(d.id(), d));
      Page<Delivery> page = Paging.page(request, new ArrayList<>(calls.values()),
          d -> Paging.timePosition(d.createdAt(), d.id()));
      if (!page.items().isEmpty()) {
        h.createQuery("SELECT call_id, attempt, at, outcome FROM webhook_attempts WHERE call_id = ANY(:ids) "
                + "ORDER BY call_id, attempt")
            .bindArray("ids", String.class, page.items().stream().map(Delivery::id).toList())
            .map((rs, ctx) -> Map.entry(rs.getString("call_id"), new Attempt(rs.getInt("attempt"),
                rs.getTimestamp("at").toInstant(), rs.getString("outcome"))))
            .forEach(e -> calls.get(e.getKey()).tries().add(e.getValue()));
      }
      return page;
    });
  }

  private static @Nullable Instant instant(java.sql.@Nullable Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}

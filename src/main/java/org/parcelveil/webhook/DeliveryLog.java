package org.parcelveil.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
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

  /** A page of calls and the cursor of the next, or null at the end. */
  public record Page(List<Delivery> items, @Nullable String nextCursor) {}

  public DeliveryLog(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /**
   * Up to {@code limit} calls of {@code subscription}, after {@code cursor} (a page's {@code nextCursor}).
   *
   * @throws IllegalArgumentException if the cursor is not one this log gave
   */
  public Page of(String subscription, @Nullable String cursor, int limit) {
    Optional<Position> after = Optional.ofNullable(cursor).map(Position::decode);
    return sql.withHandle("could not read a delivery log", h -> {
      var q = h.createQuery("SELECT id, payload, created_at, attempts, delivered_at, abandoned_at, last_outcome "
              + "FROM webhook_outbox WHERE subscription_id = :subscription "
              + (after.isPresent() ? "AND (created_at < :at OR (created_at = :at AND id < :id)) " : "")
              + "ORDER BY created_at DESC, id DESC LIMIT :limit")
          .bind("subscription", subscription).bind("limit", limit + 1);
      after.ifPresent(p -> q.bind("at", p.at()).bind("id", p.id()));
      Map<String, Delivery> calls = new LinkedHashMap<>();
      q.map((rs, ctx) -> {
        Instant delivered = instant(rs.getTimestamp("delivered_at"));
        Instant abandoned = instant(rs.getTimestamp("abandoned_at"));
        String status = delivered != null ? "delivered" : abandoned != null ? "abandoned" : "pending";
        return new Delivery(rs.getString("id"), rs.getString("payload"), rs.getTimestamp("created_at").toInstant(),
            status, rs.getInt("attempts"), delivered != null ? delivered : abandoned, rs.getString("last_outcome"),
            new ArrayList<>());
      }).forEach(d -> calls.put(d.id(), d));
      List<Delivery> items = new ArrayList<>(calls.values());
      String next = null;
      if (items.size() > limit) {
        items = items.subList(0, limit);
        Delivery last = items.get(limit - 1);
        next = new Position(last.createdAt(), last.id()).encode();
      }
      if (!items.isEmpty()) {
        h.createQuery("SELECT call_id, attempt, at, outcome FROM webhook_attempts WHERE call_id = ANY(:ids) "
                + "ORDER BY call_id, attempt")
            .bindArray("ids", String.class, items.stream().map(Delivery::id).toList())
            .map((rs, ctx) -> Map.entry(rs.getString("call_id"), new Attempt(rs.getInt("attempt"),
                rs.getTimestamp("at").toInstant(), rs.getString("outcome"))))
            .forEach(e -> calls.get(e.getKey()).tries().add(e.getValue()));
      }
      return new Page(List.copyOf(items), next);
    });
  }

  private static @Nullable Instant instant(java.sql.@Nullable Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** Where a page ends: the last call's time and id, as an opaque base64url text. */
  private record Position(Instant at, String id) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((at.getEpochSecond() + "." + at.getNano() + "." + id).getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
        if (parts.length != 3 || !parts[2].matches("wh_[0-9a-f]{20}")) {
          throw new IllegalArgumentException("not a cursor of this list");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        if (at.isBefore(Instant.EPOCH) || at.isAfter(org.parcelveil.http.Paging.LATEST)) {
          throw new IllegalArgumentException("not a cursor of this list"); // forged: beyond what the store holds
        }
        return new Position(at, parts[2]);
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        throw new IllegalArgumentException("not a cursor of this list", e);
      }
    }
  }
}

package org.parcelveil.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;

/**
 * The webhook calls still owed, as rows of {@code webhook_outbox}. Features add a row with {@link #enqueue} inside
 * the transaction that makes the event; {@link WebhookDelivery} claims, sends and settles them.
 */
public final class WebhookOutbox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LIVE = "delivered_at IS NULL AND abandoned_at IS NULL";
  private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString("id"), rs.getString("target"),
      rs.getString("payload"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant());
  private final Sql sql;

  /** A claimed call: its event id, its target kind and payload, which try this is, and when the event was made. */
  record Row(String id, String target, String payload, int attempt, Instant createdAt) {}

  /** The calls owed to one target: how many, and since when the oldest waits. */
  record Backlog(long pending, Instant oldest) {}

  WebhookOutbox(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /**
   * Owes {@code target} a call for {@code payload}, on the caller's handle so that it commits or rolls back with
   * the event itself; due at once. Returns the event id the receiver sees in {@code X-PV-Event-Id}.
   */
  public static String enqueue(Handle h, String target, String payload, Instant now) {
    String eventId = newId();
    insert(h, eventId, target, payload, now, null, null);
    return eventId;
  }

  /**
   * Owes a subscription's call once: a second row with the same {@code dedupKey} (a relay that read an event twice,
   * or two nodes that both did) is not added. Returns whether this call added it.
   */
  public static boolean enqueueOnce(Handle h, String target, String payload, Instant now, String subscription,
      String dedupKey) {
    return insert(h, newId(), target, payload, now, subscription, dedupKey) == 1;
  }

  private static String newId() {
    byte[] id = new byte[10];
    RANDOM.nextBytes(id);
    return "wh_" + HexFormat.of().formatHex(id);
  }

  private static int insert(Handle h, String id, String target, String payload, Instant now,
      @Nullable String subscription, @Nullable String dedupKey) {
    return h.createUpdate("INSERT INTO webhook_outbox (id, target, payload, attempts, created_at, next_attempt_at, "
            + "subscription_id, dedup_key) VALUES (:id, :target, :payload, 0, :now, :now, :subscription, :dedup) "
            + "ON CONFLICT (dedup_key) DO NOTHING")
        .bind("id", id).bind("target", target).bind("payload", payload).bind("now", now)
        .bind("subscription", subscription).bind("dedup", dedupKey)
        .execute();
  }

  /**
   * Claims up to {@code limit} due calls: each one's next try moves to {@code leaseUntil} and its attempt count up,
   * in one statement. {@code SKIP LOCKED} passes over rows another node is claiming at this moment, and the moved
   * time keeps them from being claimed again until the lease runs out: two nodes never send one call at once.
   */
  List<Row> claim(Collection<String> targets, Instant now, Instant leaseUntil, int limit) {
    return sql.withHandle("could not claim webhook calls", h -> h.createQuery("UPDATE webhook_outbox "
            + "SET attempts = attempts + 1, next_attempt_at = :leaseUntil WHERE id IN ("
            + "SELECT id FROM webhook_outbox WHERE target = ANY(:targets) AND " + LIVE
            + " AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, target, payload, attempts, created_at")
        .bind("leaseUntil", leaseUntil).bindArray("targets", String.class, targets).bind("now", now)
        .bind("limit", limit)
        .map(ROW).list());
  }

  /** The receiver took it: done for good, whichever node's try it was. */
  void delivered(Row row, String outcome, Instant at) {
    settle("UPDATE webhook_outbox SET delivered_at = :at, last_outcome = :outcome WHERE id = :id "
        + "AND delivered_at IS NULL", row, outcome, at, at, false);
  }

  /** Tries again at {@code next}, unless another node has claimed it since (its lease ran out meanwhile). */
  void retryAt(Row row, String outcome, Instant triedAt, Instant next) {
    settle("UPDATE webhook_outbox SET next_attempt_at = :at, last_outcome = :outcome WHERE id = :id "
        + "AND attempts = :attempt AND " + LIVE, row, outcome, next, triedAt, true);
  }

  /** Stops trying: the event is gone, or the receiver refused for longer than the schedule allows. */
  void abandoned(Row row, String outcome, Instant at) {
    settle("UPDATE webhook_outbox SET abandoned_at = :at, last_outcome = :outcome WHERE id = :id "
        + "AND attempts = :attempt AND " + LIVE, row, outcome, at, at, true);
  }

  /** Forgets settled calls older than {@code before}, and their tries; the events themselves keep their own rows. */
  int purge(Instant before) {
    return sql.inTransaction("could not purge settled webhook calls", h -> {
      h.createUpdate("DELETE FROM webhook_attempts WHERE call_id IN (SELECT id FROM webhook_outbox "
          + "WHERE delivered_at < :before OR abandoned_at < :before)").bind("before", before).execute();
      return h.createUpdate("DELETE FROM webhook_outbox WHERE delivered_at < :before OR abandoned_at < :before")
          .bind("before", before).execute();
    });
  }

  /** The calls owed, by target; a target owed nothing is absent. */
  Map<String, Backlog> backlog(Collection<String> targets) {
    return sql.withHandle("could not count pending webhook calls", h -> h.createQuery(
            "SELECT target, COUNT(*), MIN(created_at) FROM webhook_outbox WHERE target = ANY(:targets) AND "
                + LIVE + " GROUP BY target")
        .bindArray("targets", String.class, targets)
        .reduceRows(new HashMap<String, Backlog>(), (out, rv) -> {
          out.put(rv.getColumn(1, String.class),
              new Backlog(rv.getColumn(2, Long.class), rv.getColumn(3, Instant.class)));
          return out;
        }));
  }

  /**
   * One settling update, and the try in the call's delivery log when it took; {@code sameAttempt} if it holds only
   * while no other try has claimed the call since.
   */
  private void settle(String statement, Row row, String outcome, Instant at, Instant triedAt, boolean sameAttempt) {
    sql.useTransaction("could not settle webhook call " + row.id(), h -> {
      var update = h.createUpdate(statement)
          .bind("at", at).bind("outcome", outcome).bind("id", row.id());
      if (sameAttempt) {
        update.bind("attempt", row.attempt());
      }
      if (update.execute() == 1) {
        h.createUpdate("INSERT INTO webhook_attempts (call_id, attempt, at, outcome) "
                + "VALUES (:id, :attempt, :at, :outcome) ON CONFLICT DO NOTHING")
            .bind("id", row.id()).bind("attempt", row.attempt()).bind("at", triedAt)
            .bind("outcome", outcome).execute();
      }
    });
  }
}

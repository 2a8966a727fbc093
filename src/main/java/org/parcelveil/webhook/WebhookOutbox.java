package org.parcelveil.webhook;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;

/**
 * The webhook calls still owed, as rows of {@code webhook_outbox}. Features add a row with {@link #enqueue} inside
 * the transaction that makes the event; {@link WebhookDelivery} claims, sends and settles them.
 */
public final class WebhookOutbox {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LIVE = "delivered_at IS NULL AND abandoned_at IS NULL";
  private final DataSource dataSource;

  /** A claimed call: its event id, its target kind and payload, which try this is, and when the event was made. */
  record Row(String id, String target, String payload, int attempt, Instant createdAt) {}

  /** The calls owed to one target: how many, and since when the oldest waits. */
  record Backlog(long pending, Instant oldest) {}

  WebhookOutbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Owes {@code target} a call for {@code payload}, on the caller's connection so that it commits or rolls back with
   * the event itself; due at once. Returns the event id the receiver sees in {@code X-PV-Event-Id}.
   */
  public static String enqueue(Connection c, String target, String payload, Instant now) throws SQLException {
    byte[] id = new byte[10];
    RANDOM.nextBytes(id);
    String eventId = "wh_" + HexFormat.of().formatHex(id);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox "
        + "(id, target, payload, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, 0, ?, ?)")) {
      ps.setString(1, eventId);
      ps.setString(2, target);
      ps.setString(3, payload);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setTimestamp(5, Timestamp.from(now));
      ps.executeUpdate();
    }
    return eventId;
  }

  /**
   * Claims up to {@code limit} due calls: each one's next try moves to {@code leaseUntil} and its attempt count up,
   * in one statement. {@code SKIP LOCKED} passes over rows another node is claiming at this moment, and the moved
   * time keeps them from being claimed again until the lease runs out: two nodes never send one call at once.
   */
  List<Row> claim(Collection<String> targets, Instant now, Instant leaseUntil, int limit) {
    String sql = "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id IN ("
        + "SELECT id FROM webhook_outbox WHERE target = ANY(?) AND " + LIVE + " AND next_attempt_at <= ? "
        + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
        + "RETURNING id, target, payload, attempts, created_at";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Array kinds = c.createArrayOf("varchar", targets.toArray());
      ps.setTimestamp(1, Timestamp.from(leaseUntil));
      ps.setArray(2, kinds);
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setInt(4, limit);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              rs.getTimestamp(5).toInstant()));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException("could not claim webhook calls", e);
    }
  }

  /** The receiver took it: done for good, whichever node's try it was. */
  void delivered(Row row, String outcome, Instant at) {
    update("UPDATE webhook_outbox SET delivered_at = ?, last_outcome = ? WHERE id = ? AND delivered_at IS NULL",
        row, outcome, at, false);
  }

  /** Tries again at {@code next}, unless another node has claimed it since (its lease ran out meanwhile). */
  void retryAt(Row row, String outcome, Instant next) {
    update("UPDATE webhook_outbox SET next_attempt_at = ?, last_outcome = ? WHERE id = ? AND attempts = ? AND "
        + LIVE, row, outcome, next, true);
  }

  /** Stops trying: the event is gone, or the receiver refused for longer than the schedule allows. */
  void abandoned(Row row, String outcome, Instant at) {
    update("UPDATE webhook_outbox SET abandoned_at = ?, last_outcome = ? WHERE id = ? AND attempts = ? AND " + LIVE,
        row, outcome, at, true);
  }

  /** Forgets settled calls older than {@code before}; the events themselves keep their own rows. */
  int purge(Instant before) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "DELETE FROM webhook_outbox WHERE delivered_at < ? OR abandoned_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(before));
      ps.setTimestamp(2, Timestamp.from(before));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not purge settled webhook calls", e);
    }
  }

  /** The calls owed, by target; a target owed nothing is absent. */
  Map<String, Backlog> backlog(Collection<String> targets) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT target, COUNT(*), MIN(created_at) FROM webhook_outbox WHERE target = ANY(?) AND " + LIVE
            + " GROUP BY target")) {
      ps.setArray(1, c.createArrayOf("varchar", targets.toArray()));
      Map<String, Backlog> out = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Backlog(rs.getLong(2), rs.getTimestamp(3).toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not count pending webhook calls", e);
    }
  }

  private void update(String sql, Row row, String outcome, Instant at, boolean sameAttempt) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, outcome);
      ps.setString(3, row.id());
      if (sameAttempt) {
        ps.setInt(4, row.attempt());
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not settle webhook call " + row.id(), e);
    }
  }
}

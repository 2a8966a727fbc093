package org.parcelveil.leaks.attribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;

/**
 * Attribution runs as stored: counts, status, the result (suspects and canaries: principal ids, channels, scores and
 * aggregate evidence, no personal data), matched waybills, approvals, and each principal's daily spend.
 */
final class RunLedger {
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
  private static final String COLUMNS =
      "id, principal_id, at, status, hold_reason, records, matched, unmatched, audit_index, result";
  private static final RowMapper<Stored> STORED = (rs, ctx) -> new Stored(rs.getString("id"),
      rs.getString("principal_id"), rs.getTimestamp("at").toInstant(), rs.getString("status"),
      rs.getString("hold_reason"), rs.getInt("records"), rs.getInt("matched"), rs.getInt("unmatched"),
      rs.getLong("audit_index"), rs.getString("result"));
  private final Sql sql;

  RunLedger(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** What a stored result holds beyond the counts; canaries are found again from the matched waybills. */
  record Result(List<Suspect> suspects) {}

  /**
   * Adds a run's records and matches to the principal's spend of {@code day} if both stay within the bounds, in the
   * caller's transaction (the audit log's, which holds the log's sequencer lock, so no other node counts meanwhile);
   * false with nothing spent otherwise. The audit log lends its transaction as a JDBC connection, so this and
   * {@link #release} run on it directly.
   */
  static boolean spend(Connection c, String principalId, LocalDate day, int records, int matched,
      AttributionBounds bounds) throws SQLException {
    int spentRecords = 0;
    int spentMatched = 0;
    boolean exists;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT records, matched FROM leak_attribution_spend WHERE principal_id = ? AND spend_day = ?")) {
      ps.setString(1, principalId);
      ps.setObject(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next();
        if (exists) {
          spentRecords = rs.getInt(1);
          spentMatched = rs.getInt(2);
        }
      }
    }
    if ((long) spentRecords + records > bounds.dailyRecords() || (long) spentMatched + matched > bounds.dailyMatched()) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement(exists
        ? "UPDATE leak_attribution_spend SET records = records + ?, matched = matched + ? "
            + "WHERE principal_id = ? AND spend_day = ?"
        : "INSERT INTO leak_attribution_spend (records, matched, principal_id, spend_day) VALUES (?, ?, ?, ?)")) {
      ps.setInt(1, records);
      ps.setInt(2, matched);
      ps.setString(3, principalId);
      ps.setObject(4, day);
      ps.executeUpdate();
    }
    return true;
  }

  /** Releases a held run for {@code approverId}, in the caller's transaction: false if it is not pending or theirs. */
  static boolean release(Connection c, String runId, String approverId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE leak_attribution_runs SET status = 'released', "
        + "approved_by = ?, approved_at = ? WHERE id = ? AND status = 'pending' AND principal_id <> ?")) {
      ps.setString(1, approverId);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setString(3, runId);
      ps.setString(4, approverId);
      return ps.executeUpdate() == 1;
    }
  }

  void insert(String requesterId, Instant at, AttributionReport r, Iterable<String> matchedWaybills) {
    String result;
    try {
      result = JSON.writeValueAsString(new Result(r.suspects()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode an attribution result", e);
    }
    sql.useTransaction("could not store the attribution run", h -> {
      h.createUpdate("INSERT INTO leak_attribution_runs (" + COLUMNS + ", top_suspect) VALUES (:id, :principalId, "
              + ":at, :status, :holdReason, :records, :matched, :unmatched, :auditIndex, :result, :topSuspect)")
          .bind("id", r.runId()).bind("principalId", requesterId).bind("at", at)
          .bind("status", r.status().wireName()).bind("holdReason", r.holdReason()).bind("records", r.records())
          .bind("matched", r.matched()).bind("unmatched", r.unmatched()).bind("auditIndex", r.auditIndex())
          .bind("result", result)
          .bind("topSuspect", r.suspects().isEmpty() ? null : r.suspects().get(0).agent().toString())
          .execute();
      // Sent in batches of at most a thousand rows, as one run may match a whole leaked list.
      PreparedBatch batch = matchBatch(h);
      for (String w : matchedWaybills) {
        batch.bind("runId", r.runId()).bind("waybill", w).add();
        if (batch.size() == 1000) {
          batch.execute();
          batch = matchBatch(h);
        }
      }
      if (batch.size() > 0) {
        batch.execute();
      }
    });
  }

  private static PreparedBatch matchBatch(Handle h) {
    return h.prepareBatch("INSERT INTO leak_attribution_matches (run_id, waybill) VALUES (:runId, :waybill)");
  }

  Optional<Attribution.Run> find(String runId) {
    return query("SELECT " + COLUMNS + " FROM leak_attribution_runs WHERE id = :id", Map.of("id", runId)).stream()
        .findFirst();
  }

  /** Held runs, oldest first. */
  List<Attribution.Run> pending(int limit) {
    return query("SELECT " + COLUMNS + " FROM leak_attribution_runs WHERE status = 'pending' ORDER BY at FETCH FIRST "
        + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY", Map.of());
  }

  /** A run's row as stored; its canaries are read after, on the same connection. */
  private record Stored(String id, String principalId, Instant at, String status, @Nullable String holdReason,
      int records, int matched, int unmatched, long auditIndex, @Nullable String result) {}

  private List<Attribution.Run> query(String statement, Map<String, ?> binds) {
    return sql.withHandle("could not read attribution runs", h -> {
      List<Stored> rows = h.createQuery(statement).bindMap(binds).map(STORED).list();
      List<Attribution.Run> out = new ArrayList<>(rows.size());
      for (Stored row : rows) {
        out.add(read(h, row));
      }
      return out;
    });
  }

  private static Attribution.Run read(Handle h, Stored row) {
    Result result;
    try {
      // Runs stored before results were kept have none: their counts stand alone.
      result = row.result() == null ? new Result(List.of()) : JSON.readValue(row.result(), Result.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("an attribution result could not be read", e);
    }
    AttributionReport report = new AttributionReport(row.id(),
        "pending".equals(row.status()) ? AttributionReport.Status.PENDING : AttributionReport.Status.RELEASED,
        row.holdReason(), row.records(), row.matched(), row.unmatched(), result.suspects(), canaries(h, row.id()),
        row.auditIndex());
    return new Attribution.Run(row.principalId(), row.at(), report);
  }

  private static List<String> canaries(Handle h, String runId) {
    return h.createQuery("SELECT m.waybill FROM leak_attribution_matches m "
            + "JOIN leak_canaries k ON k.waybill = m.waybill WHERE m.run_id = :runId ORDER BY m.waybill")
        .bind("runId", runId).mapTo(String.class).list();
  }
}

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
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
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
  private final DataSource dataSource;

  RunLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What a stored result holds beyond the counts; canaries are found again from the matched waybills. */
  record Result(List<Suspect> suspects) {}

  /**
   * Adds a run's records and matches to the principal's spend of {@code day} if both stay within the bounds, in the
   * caller's transaction (the audit log's, which holds the log's sequencer lock, so no other node counts meanwhile);
   * false with nothing spent otherwise.
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO leak_attribution_runs (" + COLUMNS
              + ", top_suspect) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement m = c.prepareStatement(
              "INSERT INTO leak_attribution_matches (run_id, waybill) VALUES (?, ?)")) {
        ps.setString(1, r.runId());
        ps.setString(2, requesterId);
        ps.setTimestamp(3, Timestamp.from(at));
        ps.setString(4, r.status().wireName());
        ps.setString(5, r.holdReason());
        ps.setInt(6, r.records());
        ps.setInt(7, r.matched());
        ps.setInt(8, r.unmatched());
        ps.setLong(9, r.auditIndex());
        ps.setString(10, result);
        ps.setString(11, r.suspects().isEmpty() ? null : r.suspects().get(0).agent().toString());
        ps.executeUpdate();
        int n = 0;
        for (String w : matchedWaybills) {
          m.setString(1, r.runId());
          m.setString(2, w);
          m.addBatch();
          if (++n % 1000 == 0) {
            m.executeBatch();
          }
        }
        m.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not store the attribution run", e);
    }
  }

  Optional<Attribution.Run> find(String runId) {
    List<Attribution.Run> found = query("SELECT " + COLUMNS + " FROM leak_attribution_runs WHERE id = ?", runId);
    return found.stream().findFirst();
  }

  /** Held runs, oldest first. */
  List<Attribution.Run> pending(int limit) {
    return query("SELECT " + COLUMNS + " FROM leak_attribution_runs WHERE status = 'pending' ORDER BY at FETCH FIRST "
        + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY");
  }

  private List<Attribution.Run> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Attribution.Run> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(c, rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("could not read attribution runs", e);
    }
  }

  private static Attribution.Run read(Connection c, ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    @Nullable String json = rs.getString("result");
    Result result;
    try {
      // Runs stored before results were kept have none: their counts stand alone.
      result = json == null ? new Result(List.of()) : JSON.readValue(json, Result.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("an attribution result could not be read", e);
    }
    AttributionReport report = new AttributionReport(rs.getString("id"),
        "pending".equals(status) ? AttributionReport.Status.PENDING : AttributionReport.Status.RELEASED,
        rs.getString("hold_reason"), rs.getInt("records"), rs.getInt("matched"), rs.getInt("unmatched"),
        result.suspects(), canaries(c, rs.getString("id")), rs.getLong("audit_index"));
    return new Attribution.Run(rs.getString("principal_id"), rs.getTimestamp("at").toInstant(), report);
  }

  private static List<String> canaries(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT m.waybill FROM leak_attribution_matches m "
        + "JOIN leak_canaries k ON k.waybill = m.waybill WHERE m.run_id = ? ORDER BY m.waybill")) {
      ps.setString(1, runId);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}

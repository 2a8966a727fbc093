package org.parcelveil.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/**
 * Daily reveal budgets, per principal in all and per shipment, counted in the database so every node spends from
 * the same budget. A conditional increment makes overspending impossible, whatever the number of nodes.
 */
public final class DisclosureBudgets {
  private static final String ALL = "*";
  private final DataSource dataSource;
  private final Dialect dialect;
  private final DisclosureLimits limits;
  private final Clock clock;

  public DisclosureBudgets(DataSource dataSource, Dialect dialect, DisclosureLimits limits, Clock clock) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Spends one reveal of today's budgets; false (and nothing spent) if either is used up.
   *
   * <p>The caller must append to the audit log, in the same database, before it discloses anything: on PostgreSQL
   * the spend commits without waiting for the disk, and that append's durable commit is what makes it durable.
   */
  public boolean trySpend(Principal p, String waybill) {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRES) {
          // The budget rows are locked until commit, so every reveal of a courier waited for the previous one's
          // flush. Not waiting loses nothing that matters: WAL is flushed in order, and the audit append that
          // follows every spend before any disclosure commits synchronously, flushing this spend with it. A crash
          // before that append can only forget a spend whose reveal never happened.
          try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL synchronous_commit TO OFF");
          }
        }
        boolean ok = spend(c, p.id(), day, ALL, limits.dailyBudget(p.role()))
            && spend(c, p.id(), day, waybill, limits.perShipmentBudget(p.role()));
        if (ok) {
          c.commit();
        } else {
          c.rollback();
        }
        return ok;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not count the disclosure budget", e);
    }
  }

  private static boolean spend(Connection c, String principal, LocalDate day, String scope, int limit)
      throws SQLException {
    if (increment(c, principal, day, scope, limit)) {
      return true;
    }
    // No row yet, or used up. The savepoint matters on PostgreSQL, where a failed statement aborts the whole
    // transaction: when two first reveals of the day race, the loser's insert fails, and it must still be able to
    // spend from the row the winner just created instead of being refused.
    Savepoint beforeInsert = c.setSavepoint();
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO disclosure_budget (principal_id, budget_day, scope, used) VALUES (?, ?, ?, 1)")) {
      ins.setString(1, principal);
      ins.setObject(2, day);
      ins.setString(3, scope);
      ins.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(beforeInsert);
      // The row exists now (another request or node created it): the same conditional increment decides.
      return increment(c, principal, day, scope, limit);
    }
  }

  /** The conditional increment: true if the row exists and had budget left. */
  private static boolean increment(Connection c, String principal, LocalDate day, String scope, int limit)
      throws SQLException {
    try (PreparedStatement up = c.prepareStatement("UPDATE disclosure_budget SET used = used + 1 "
        + "WHERE principal_id = ? AND budget_day = ? AND scope = ? AND used < ?")) {
      up.setString(1, principal);
      up.setObject(2, day);
      up.setString(3, scope);
      up.setInt(4, limit);
      return up.executeUpdate() == 1;
    }
  }
}

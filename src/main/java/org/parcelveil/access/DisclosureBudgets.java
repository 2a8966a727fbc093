package org.parcelveil.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.parcelveil.store.Dialect;
import org.parcelveil.store.StoreException;

/**
 * Daily reveal budgets, per principal in all and per shipment, counted in the database so every node spends from
 * the same budget. A spend takes one unit of both budgets or of neither, and holds the two counter rows locked until
 * its transaction ends, so overspending is impossible whatever the number of nodes.
 *
 * <p>A reveal spends inside the transaction that appends its audit entry ({@link #spend}): the unit is spent if and
 * only if the entry that records the reveal commits, and on H2 that saves a commit (a written chunk) per reveal.
 */
public final class DisclosureBudgets {
  private static final String ALL = "*";
  /** PostgreSQL does the whole spend in one round trip: {@code db/main-postgresql/V54}. */
  private static final String SPEND_FUNCTION = "SELECT pv_spend_disclosure(?, ?, ?, ?, ?)";

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

  /** Spends one reveal of today's budgets in a transaction of its own; false (and nothing spent) if either is used up. */
  public boolean trySpend(Principal p, String waybill) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean spent = spend(c, p, waybill);
        c.commit();
        return spent;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("could not count the disclosure budget", e);
    }
  }

  /**
   * Spends one reveal of today's budgets in the caller's transaction, which must not be in auto-commit: true if
   * both had room (and are then one unit lower once it commits), false with nothing spent otherwise.
   */
  public boolean spend(Connection c, Principal p, String waybill) throws SQLException {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    int total = limits.dailyBudget(p.role());
    int perShipment = limits.perShipmentBudget(p.role());
    if (dialect == Dialect.POSTGRES) {
      try (PreparedStatement ps = c.prepareStatement(SPEND_FUNCTION)) {
        ps.setString(1, p.id());
        ps.setObject(2, day);
        ps.setString(3, waybill);
        ps.setInt(4, total);
        ps.setInt(5, perShipment);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    }
    return spendInSteps(c, p.id(), day, waybill, total, perShipment);
  }

  /**
   * The same spend as the PostgreSQL function, statement by statement, cheap where the database is in-process: the
   * conditional increments lock each counter until the transaction ends, and a unit taken from the total is given
   * back when the shipment's budget has none left.
   */
  private static boolean spendInSteps(Connection c, String principal, LocalDate day, String waybill, int total,
      int perShipment) throws SQLException {
    if (!incrementOrCreate(c, principal, day, ALL, total)) {
      return false;
    }
    if (incrementOrCreate(c, principal, day, waybill, perShipment)) {
      return true;
    }
    add(c, principal, day, ALL, -1, Integer.MAX_VALUE);
    return false;
  }

  private static boolean incrementOrCreate(Connection c, String principal, LocalDate day, String scope, int limit)
      throws SQLException {
    if (add(c, principal, day, scope, 1, limit)) {
      return true;
    }
    // No counter yet (the first reveal of the day), or used up: create it at zero unless it exists, then try again.
    insertCounter(c, principal, day, scope);
    return add(c, principal, day, scope, 1, limit);
  }

  /** Adds {@code delta} to a counter below {@code limit}; false if there is no such counter. */
  private static boolean add(Connection c, String principal, LocalDate day, String scope, int delta, int limit)
      throws SQLException {
    try (PreparedStatement up = c.prepareStatement("UPDATE disclosure_budget SET used = used + ? "
        + "WHERE principal_id = ? AND budget_day = ? AND scope = ? AND used < ?")) {
      up.setInt(1, delta);
      up.setString(2, principal);
      up.setObject(3, day);
      up.setString(4, scope);
      up.setInt(5, limit);
      return up.executeUpdate() == 1;
    }
  }

  /** A counter at zero; if another transaction created it meanwhile, H2 fails only this statement, and theirs stands. */
  private static void insertCounter(Connection c, String principal, LocalDate day, String scope) throws SQLException {
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO disclosure_budget (principal_id, budget_day, scope, used) VALUES (?, ?, ?, 0)")) {
      ins.setString(1, principal);
      ins.setObject(2, day);
      ins.setString(3, scope);
      ins.executeUpdate();
    } catch (SQLException e) {
      if (!Dialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
    }
  }
}

package org.parcelveil.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.parcelveil.store.StoreException;
import org.parcelveil.identity.Principal;

/**
 * Daily reveal budgets, per principal in all and per shipment, counted in the database so every node spends from
 * the same budget. A spend takes one unit of both budgets or of neither, and holds the two counter rows locked until
 * its transaction ends, so overspending is impossible whatever the number of nodes.
 *
 * <p>A reveal spends inside the transaction that appends its audit entry ({@link #spend}): the unit is spent if and
 * only if the entry that records the reveal commits.
 */
public final class DisclosureBudgets {
  /** The whole spend in one round trip: {@code db/main/V54}. */
  private static final String SPEND_FUNCTION = "SELECT pv_spend_disclosure(?, ?, ?, ?, ?)";

  private final DataSource dataSource;
  private final DisclosureLimits limits;
  private final Clock clock;

  public DisclosureBudgets(DataSource dataSource, DisclosureLimits limits, Clock clock) {
    this.dataSource = dataSource;
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
}

package org.parcelveil.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.parcelveil.store.Sql;
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
  private static final String SPEND_FUNCTION =
      "SELECT pv_spend_disclosure(:principal, :day, :waybill, :total, :perShipment)";
  /** The same call for a JDBC connection lent by the audit log's transaction. */
  private static final String SPEND_FUNCTION_JDBC = "SELECT pv_spend_disclosure(?, ?, ?, ?, ?)";

  private final Sql sql;
  private final DisclosureLimits limits;
  private final Clock clock;

  public DisclosureBudgets(DataSource dataSource, DisclosureLimits limits, Clock clock) {
    this.sql = Sql.over(dataSource);
    this.limits = limits;
    this.clock = clock;
  }

  /** Spends one reveal of today's budgets in a transaction of its own; false (and nothing spent) if either is used up. */
  public boolean trySpend(Principal p, String waybill) {
    Spend s = spendOf(p, waybill);
    return sql.inTransaction("could not count the disclosure budget", h -> h.createQuery(SPEND_FUNCTION)
        .bind("principal", s.principalId()).bind("day", s.day()).bind("waybill", s.waybill())
        .bind("total", s.total()).bind("perShipment", s.perShipment())
        .mapTo(boolean.class).one());
  }

  /**
   * Spends one reveal of today's budgets in the caller's transaction, which must not be in auto-commit: true if
   * both had room (and are then one unit lower once it commits), false with nothing spent otherwise. The audit log
   * lends its transaction as a JDBC connection, so this one call is made on it directly.
   */
  public boolean spend(Connection c, Principal p, String waybill) throws SQLException {
    Spend s = spendOf(p, waybill);
    try (PreparedStatement ps = c.prepareStatement(SPEND_FUNCTION_JDBC)) {
      ps.setString(1, s.principalId());
      ps.setObject(2, s.day());
      ps.setString(3, s.waybill());
      ps.setInt(4, s.total());
      ps.setInt(5, s.perShipment());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * As {@link #spend}, saying which budget refused: empty when the unit was spent. The counters are read after the
   * refusal on the same connection, where the spend still holds their row locks, so the answer is the one that refused.
   * The day's total is named first when both are used up: another parcel would be refused too.
   */
  public java.util.Optional<BudgetUsedUp> spendOrSayWhich(Connection c, Principal p, String waybill)
      throws SQLException {
    if (spend(c, p, waybill)) {
      return java.util.Optional.empty();
    }
    Spend s = spendOf(p, waybill);
    try (PreparedStatement ps = c.prepareStatement("SELECT used FROM disclosure_budget "
        + "WHERE principal_id = ? AND budget_day = ? AND scope = '*'")) {
      ps.setString(1, s.principalId());
      ps.setObject(2, s.day());
      try (ResultSet rs = ps.executeQuery()) {
        boolean dailyUsedUp = !rs.next() || rs.getInt(1) >= s.total();
        return java.util.Optional.of(dailyUsedUp ? new BudgetUsedUp(BudgetUsedUp.Budget.DAILY, s.total())
            : new BudgetUsedUp(BudgetUsedUp.Budget.SHIPMENT, s.perShipment()));
      }
    }
  }

  /** One spend's arguments: today's day (UTC) and the role's two limits. */
  private record Spend(String principalId, LocalDate day, String waybill, int total, int perShipment) {}

  private Spend spendOf(Principal p, String waybill) {
    return new Spend(p.id(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), waybill,
        limits.dailyBudget(p.role()), limits.perShipmentBudget(p.role()));
  }
}

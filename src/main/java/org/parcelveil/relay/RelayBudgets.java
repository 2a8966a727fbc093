package org.parcelveil.relay;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.parcelveil.store.Sql;

/** The merchants' after-sales relay budgets (table {@code relay_budget}), counted in the database for every node. */
final class RelayBudgets {
  private final Sql sql;
  private final AfterSales rules;
  private final Clock clock;

  RelayBudgets(DataSource dataSource, AfterSales rules, Clock clock) {
    this.sql = Sql.over(dataSource);
    this.rules = rules;
    this.clock = clock;
  }

  /** Spends one binding of today's budgets (UTC day); false, with nothing spent, if either is used up. */
  boolean trySpend(String merchantId, String waybill) {
    return sql.inTransaction("could not count the relay budget", h -> h.createQuery(
            "SELECT pv_spend_relay(:principal, :day, :waybill, :total, :perShipment)")
        .bind("principal", merchantId).bind("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
        .bind("waybill", waybill).bind("total", rules.dailyPerMerchant()).bind("perShipment", rules.dailyPerShipment())
        .mapTo(boolean.class).one());
  }
}

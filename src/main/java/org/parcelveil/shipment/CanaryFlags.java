package org.parcelveil.shipment;

import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.parcelveil.store.Sql;

/** The canary flag on shipments: set by the leak feature when it makes canaries, and found again by phone. */
public final class CanaryFlags {
  private final Sql sql;

  public CanaryFlags(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Flags the shipments as canaries within the caller's transaction, so the flag and the caller's rows go together. */
  public static void flag(Handle h, List<String> waybills) {
    PreparedBatch batch = h.prepareBatch("UPDATE shipments SET canary = TRUE WHERE waybill = :waybill");
    waybills.forEach(w -> batch.bind("waybill", w).add());
    if (!waybills.isEmpty()) {
      batch.execute();
    }
  }

  /** Canary waybills whose recipient or sender phone has one of these blind indexes. */
  public List<String> byPhoneIndex(List<String> indexes) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    return sql.withHandle("could not look canaries up", h -> h.createQuery("SELECT waybill FROM shipments "
            + "WHERE canary = TRUE AND (recipient_phone_idx IN (<indexes>) OR sender_phone_idx IN (<indexes>))")
        .bindList("indexes", indexes).mapTo(String.class).list());
  }
}

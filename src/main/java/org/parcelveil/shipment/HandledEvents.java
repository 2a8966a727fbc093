package org.parcelveil.shipment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Principal;
import org.parcelveil.store.Sql;

/**
 * A shipment's events as support reads them: who handled each (the staff principal's id, role and display name,
 * never a customer's data) and the support ticket an event answers. Staff names are the network's own, set by an
 * admin; customers never appear here.
 */
public final class HandledEvents {
  private final Sql sql;
  private final Principals principals;

  public HandledEvents(DataSource dataSource, Principals principals) {
    this.sql = Sql.over(dataSource);
    this.principals = principals;
  }

  /** One event with who recorded it; {@code name} and {@code role} are null for a principal no longer known. */
  public record Handled(String type, Instant at, @Nullable String stationCode, @Nullable String courierId,
      String principalId, @Nullable String role, @Nullable String name, @Nullable String ticket,
      @Nullable String reason, @Nullable Boolean codCollected) {}

  private record Row(String type, Instant at, @Nullable String station, @Nullable String courier, String principal,
      @Nullable String ticket, @Nullable String reason, @Nullable Boolean codCollected) {}

  /** The shipment's events in order. */
  public List<Handled> of(String waybill) {
    List<Row> rows = sql.withHandle("could not read shipment events", h -> h.createQuery("SELECT type, at, "
            + "station_code, courier_id, principal_id, ticket, reason, cod_collected FROM shipment_events "
            + "WHERE waybill = :waybill ORDER BY seq")
        .bind("waybill", waybill)
        .map((rs, ctx) -> new Row(rs.getString("type"), rs.getTimestamp("at").toInstant(), rs.getString("station_code"),
            rs.getString("courier_id"), rs.getString("principal_id"), rs.getString("ticket"), rs.getString("reason"),
            rs.getObject("cod_collected", Boolean.class)))
        .list());
    Map<String, Optional<Principal>> who = new HashMap<>();
    return rows.stream().map(r -> {
      Optional<Principal> p = who.computeIfAbsent(r.principal(), principals::find);
      return new Handled(r.type(), r.at(), r.station(), r.courier(), r.principal(),
          p.map(x -> x.role().wireName()).orElse(null), p.map(Principal::name).orElse(null), r.ticket(),
          r.reason(), r.codCollected());
    }).toList();
  }
}

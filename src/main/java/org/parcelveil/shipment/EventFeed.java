package org.parcelveil.shipment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;

/**
 * The shipment events recorded in a window of time, for jobs that follow them (the tracking webhooks' relay). A
 * reader only: it never touches the scan path, and reads by recorded time through the BRIN index of V125. Each
 * event comes with whose shipment it is (its merchant, and the platform whose order it was made from), never with
 * anything about its people.
 */
public final class EventFeed {
  private static final RowMapper<Recorded> RECORDED = (rs, ctx) -> new Recorded(rs.getString("waybill"),
      rs.getInt("seq"), rs.getString("type"), rs.getString("station_code"), rs.getTimestamp("at").toInstant(),
      rs.getTimestamp("recorded_at").toInstant(), rs.getString("merchant_id"), rs.getString("platform_id"));
  private static final int PAGE = 500;
  private final Sql sql;

  /** One recorded event and its shipment's merchant and platform (null unless made from a platform's order). */
  public record Recorded(String waybill, int seq, String type, @Nullable String stationCode, Instant at,
      Instant recordedAt, String merchantId, @Nullable String platformId) {}

  public EventFeed(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /**
   * The events recorded after {@code from} up to {@code to} (inclusive) of the shipments of the given merchants
   * or made from the given platforms' orders, in recorded order, read page by page.
   */
  public List<Recorded> between(Instant from, Instant to, Collection<String> merchants,
      Collection<String> platforms) {
    List<Recorded> out = new ArrayList<>();
    if (merchants.isEmpty() && platforms.isEmpty()) {
      return out;
    }
    Recorded last = null;
    while (true) {
      Recorded after = last;
      // Later pages go on from the last row read (recorded time, then waybill and number break ties); the plain
      // range on recorded_at comes first so that the BRIN index is used.
      List<Recorded> page = sql.withHandle("could not read the event feed", h -> {
        var q = h.createQuery("SELECT e.waybill, e.seq, e.type, e.station_code, e.at, e.recorded_at, s.merchant_id, "
                + "s.platform_id FROM shipment_events e JOIN shipments s ON s.waybill = e.waybill "
                + "WHERE e.recorded_at <= :to AND (s.merchant_id = ANY(:merchants) OR s.platform_id = ANY(:platforms)) "
                + (after == null ? "AND e.recorded_at > :from "
                    : "AND e.recorded_at >= :afterAt AND (e.recorded_at > :afterAt "
                        + "OR e.waybill > :afterWaybill OR (e.waybill = :afterWaybill AND e.seq > :afterSeq)) ")
                + "ORDER BY e.recorded_at, e.waybill, e.seq LIMIT " + PAGE)
            .bind("to", to)
            .bindArray("merchants", String.class, merchants).bindArray("platforms", String.class, platforms);
        if (after == null) {
          q.bind("from", from);
        } else {
          q.bind("afterAt", after.recordedAt()).bind("afterWaybill", after.waybill()).bind("afterSeq", after.seq());
        }
        return q.map(RECORDED).list();
      });
      out.addAll(page);
      if (page.size() < PAGE) {
        return out;
      }
      last = page.get(page.size() - 1);
    }
  }
}

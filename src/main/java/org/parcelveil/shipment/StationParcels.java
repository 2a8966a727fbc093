package org.parcelveil.shipment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Area;

/**
 * The parcels at a station or hub and those on their way to it, read from the shipments and their scans
 * (docs/lists.md):
 *
 * <ul>
 *   <li><b>at</b>: the parcel's last scan was here and left it here (picked up, arrived, or a failed delivery brought
 *       back), and its journey is not over;
 *   <li><b>expected</b> at a station: picked up or in transit to the district the station serves (or redirected to
 *       the station by support, and then no longer to the district's station), not yet scanned here; at a hub: in
 *       transit to the cities it sorts for (its sort code starts with the hub's code), not yet scanned here.
 * </ul>
 *
 * Both lists page by waybill number: random numbers give no order away, and a parcel that moves from expected to at
 * between two pages is served at most once more, never skipped.
 */
public final class StationParcels {
  /**
   * The events after which a parcel stays where it was scanned: brought in, sorted in, or back from a failed
   * delivery. A new event that leaves a parcel at a station (a drop-off, a pickup shelf) belongs here too.
   */
  static final List<EventType> STAYS = List.of(EventType.PICKED_UP, EventType.DROPPED_OFF, EventType.ARRIVED,
      EventType.DELIVERY_FAILED, EventType.AT_PICKUP_POINT);
  private static final String COLUMNS = "s.waybill, s.state, s.sort_code, s.dest_province, s.dest_city, "
      + "s.dest_district, s.weight_grams";
  private static final String AT = "SELECT " + COLUMNS + ", e.recorded_at AS last_scan_at, 'AT' AS place "
      + "FROM shipment_events e JOIN shipments s ON s.waybill = e.waybill "
      + "WHERE e.station_code = :station AND e.type IN (" + quoted(STAYS) + ") "
      + "AND s.state IN ('PICKED_UP', 'DROPPED_OFF', 'IN_TRANSIT', 'DELIVERY_FAILED', 'AT_PICKUP_POINT') "
      + "AND e.seq = (SELECT max(x.seq) FROM shipment_events x WHERE x.waybill = e.waybill) "
      + "AND s.waybill > :after";
  private static final String EXPECTED = "SELECT " + COLUMNS
      + ", CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_scan_at, 'EXPECTED' AS place FROM shipments s WHERE %s "
      + "AND s.state IN ('PICKED_UP', 'DROPPED_OFF', 'IN_TRANSIT') "
      // Not yet scanned here: a redirect names its new station but is no scan there.
      + "AND NOT EXISTS (SELECT 1 FROM shipment_events x WHERE x.waybill = s.waybill AND x.station_code = :station "
      + "AND NOT (x.type = 'REDIRECTED')) "
      + "AND s.waybill > :after";
  private static final String TO_DISTRICT =
      "s.dest_province = :province AND s.dest_city = :city AND s.dest_district = :district";
  // '!' escapes, not a backslash: the statement parser would read '\' as a quote left open.
  private static final String TO_HUB = "s.sort_code LIKE :hubPrefix ESCAPE '!'";
  /**
   * A redirected parcel is on its way to the station of its latest redirect ({@link ParcelRoutes}), not to the
   * district it was first sent to: the old station may not even see it.
   */
  private static final String REDIRECTED_HERE = "EXISTS (SELECT 1 FROM shipment_events r "
      + "WHERE r.waybill = s.waybill AND r.station_code = :station AND r.seq = (SELECT max(x.seq) "
      + "FROM shipment_events x WHERE x.waybill = s.waybill AND x.type = 'REDIRECTED'))";
  private static final String NOT_REDIRECTED = "NOT EXISTS (SELECT 1 FROM shipment_events r "
      + "WHERE r.waybill = s.waybill AND r.type = 'REDIRECTED')";

  private final Sql sql;
  private final Network network;

  public StationParcels(DataSource dataSource, Network network) {
    this.sql = Sql.over(dataSource);
    this.network = network;
  }

  /** One page of the station's parcels at {@code place}, or of both lists together when it is null. */
  public Page<StationParcel> page(Station station, StationParcel.@Nullable Place place, Paging.Request page) {
    Optional<String> expected = expectedCondition(station);
    List<String> parts = new ArrayList<>();
    if (place != StationParcel.Place.EXPECTED) {
      parts.add(AT);
    }
    if (place != StationParcel.Place.AT && expected.isPresent()) {
      parts.add(String.format(EXPECTED, expected.get()));
    }
    if (parts.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    String statement = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") p ORDER BY waybill "
        + "FETCH FIRST :limit ROWS ONLY";
    List<StationParcel> rows = sql.withHandle("could not read the station's parcels", h -> {
      var q = h.createQuery(statement).bind("station", station.code())
          .bind("after", page.after() == null ? "" : page.after()).bind("limit", page.fetch());
      if (statement.contains(":province")) {
        q.bind("province", station.area().province()).bind("city", station.area().city())
            .bind("district", station.area().district());
      }
      if (statement.contains(":hubPrefix")) {
        q.bind("hubPrefix", likePrefix(station.code()) + "-%");
      }
      return q.map((rs, ctx) -> read(rs)).list();
    });
    return Paging.page(page, rows, StationParcel::waybill);
  }

  /**
   * Which parcels are on their way here: to a station, those bound for the district it serves (only the station
   * that serves it, as routing decides); to a hub, those whose sort code names it as the destination hub.
   */
  private Optional<String> expectedCondition(Station station) {
    if (station.kind() == Station.Kind.HUB) {
      return Optional.of(TO_HUB);
    }
    boolean serves = network.stationServing(station.area()).map(s -> s.code().equals(station.code())).orElse(false);
    return Optional.of(serves ? "((" + TO_DISTRICT + " AND " + NOT_REDIRECTED + ") OR " + REDIRECTED_HERE + ")"
        : REDIRECTED_HERE);
  }

  private static String quoted(List<EventType> types) {
    return String.join(", ", types.stream().map(t -> "'" + t.name() + "'").toList());
  }

  /** A station code as a LIKE prefix: codes may hold '_', which LIKE would read as any character. */
  static String likePrefix(String code) {
    return code.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static StationParcel read(ResultSet rs) throws SQLException {
    Timestamp last = rs.getTimestamp("last_scan_at");
    return new StationParcel(rs.getString("waybill"), ShipmentState.valueOf(rs.getString("state")),
        StationParcel.Place.valueOf(rs.getString("place")), rs.getString("sort_code"),
        new Area(rs.getString("dest_province"), rs.getString("dest_city"), rs.getString("dest_district")),
        rs.getInt("weight_grams"), last == null ? null : last.toInstant());
  }
}

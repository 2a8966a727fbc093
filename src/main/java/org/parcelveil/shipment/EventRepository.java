package org.parcelveil.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.GroupCommit;
import org.parcelveil.store.Sql;

/** Shipment events as rows. */
public final class EventRepository implements AutoCloseable {
  private static final RowMapper<ShipmentEvent> EVENT = (rs, ctx) -> new ShipmentEvent(rs.getString("waybill"),
      rs.getInt("seq"), rs.getString("type"), rs.getString("station_code"), rs.getString("courier_id"),
      rs.getString("principal_id"), rs.getObject("weight_grams", Integer.class),
      rs.getTimestamp("at").toInstant(), rs.getTimestamp("recorded_at").toInstant(), rs.getString("reason"),
      rs.getObject("cod_collected", Boolean.class));
  private final Sql sql;
  private final @Nullable GroupCommit<Append, Optional<Integer>> appends;
  /** On Citus: an event committed on its own is appended by {@link #APPEND_CALL}, not {@link #APPEND}. */
  private final boolean distributed;

  /** Every event commits on its own, with the statement for plain PostgreSQL. */
  public EventRepository(DataSource dataSource) {
    this(dataSource, false, false);
  }

  /**
   * With {@code groupCommit}, events that arrive together are appended in one transaction ({@link GroupCommit}); each
   * still answers only after the commit that holds it. Not on Citus, where one transaction over many parcels would
   * span shards. With {@code distributed} (on Citus), an event committed on its own is appended by the distributed
   * function {@link #APPEND_CALL}, which runs on the parcel's shard.
   */
  public EventRepository(DataSource dataSource, boolean groupCommit, boolean distributed) {
    this.sql = Sql.over(dataSource);
    this.distributed = distributed;
    this.appends = groupCommit
        ? new GroupCommit<>("shipment events", dataSource, EventRepository::appendAll, this::appendAlone,
            GroupCommit.WRITERS, GroupCommit.MAX_GROUP, GroupCommit.TIMEOUT)
        : null;
  }

  /** Stops the group writers, if any. */
  @Override
  public void close() {
    if (appends != null) {
      appends.close();
    }
  }

  /** One event to append, with the move of its shipment. */
  private record Append(Shipment shipment, ShipmentState next, Shipment.Assignment assignment, ShipmentEvent event,
      @Nullable String ticket) {}

  /** Another event changed the shipment first: the transaction is rolled back and the caller answers 409. */
  private static final class Overtaken extends RuntimeException {
    Overtaken() {
      super(null, null, false, false);
    }
  }

  /**
   * Moves the shipment from its current state to {@code next} and appends the event, in one transaction. Empty if
   * another event changed the shipment first (the caller answers 409).
   */
  public Optional<ShipmentEvent> append(Shipment s, ShipmentState next, Shipment.Assignment a, ShipmentEvent e) {
    return append(s, next, a, e, null);
  }

  /**
   * The guarded update and the event in one statement, one round trip and one commit: the update locks the row and
   * takes the next event number from it ({@code event_seq}), and the insert reads the update's result, so no other
   * event of this parcel can take the number and nothing is inserted when another event moved the shipment first.
   * An insert from a SELECT, not VALUES with a sub-select, which distributed PostgreSQL (Citus) refuses.
   */
  private static final String APPEND = "WITH moved AS (UPDATE shipments SET state = ?, updated_at = ?, "
      + "pickup_courier_id = ?, delivery_courier_id = ?, assigned_at = ?, finished_at = ?, "
      + "event_seq = event_seq + 1 WHERE waybill = ? AND state = ? RETURNING event_seq) "
      + "INSERT INTO shipment_events (waybill, seq, type, station_code, courier_id, principal_id, weight_grams, at, "
      + "recorded_at, ticket, reason, cod_collected) SELECT CAST(? AS VARCHAR), event_seq, CAST(? AS VARCHAR), "
      + "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INT), "
      + "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR), "
      + "CAST(? AS VARCHAR), CAST(? AS BOOLEAN) FROM moved RETURNING seq";

  /**
   * The same on Citus, as a call of {@code pv_append_event} ({@code db/main/V102}): Citus runs {@link #APPEND} as
   * two distributed steps (the moved row is pulled to the node that took the statement, then inserted), while the
   * function is distributed by the waybill, so the call goes whole to the worker holding the parcel's shard. Its
   * result is the event's number, or NULL when another event moved the shipment first. Citus hands a call on only
   * outside a transaction block: it is sent in auto-commit. The parameters are {@link #APPEND}'s without its second
   * waybill and time of recording (the function takes them from the first); since V141 with the failure reason and
   * the cash confirmation last.
   */
  private static final String APPEND_CALL =
      "SELECT pv_append_event(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The statement {@link #append} sends for an event committed on its own (for tests of its plan). */
  String singleStatement() {
    return distributed ? APPEND_CALL : APPEND;
  }

  /** As above, keeping the support ticket the event answers, if any. */
  public Optional<ShipmentEvent> append(Shipment s, ShipmentState next, Shipment.Assignment a, ShipmentEvent e,
      @Nullable String ticket) {
    Append append = new Append(s, next, a, e, ticket);
    Optional<Integer> seq = appends != null ? appends.write(append) : appendAlone(append);
    return seq.map(n -> new ShipmentEvent(e.waybill(), n, e.type(), e.stationCode(), e.courierId(), e.principalId(),
        e.weightGrams(), e.at(), e.recordedAt(), e.reason(), e.codCollected()));
  }

  /** The event's number, or empty if another event moved the shipment first; committed on its own. */
  private Optional<Integer> appendAlone(Append append) {
    try {
      return sql.withConnection("could not record the event", c -> {
        try (PreparedStatement st = c.prepareStatement(singleStatement())) {
          bind(st, append, distributed);
          try (ResultSet rs = st.executeQuery()) {
            // The statement returns no row when the guard fails, the function a NULL.
            return rs.next() ? Optional.ofNullable(rs.getObject(1, Integer.class)) : Optional.<Integer>empty();
          }
        }
      });
    } catch (DuplicateKeyException behind) {
      // The parcel's counter is behind its events (written by a node or a copy that does not keep it).
      return appendCounting(append.shipment(), append.next(), append.assignment(), append.event(), append.ticket());
    }
  }

  /**
   * A group of events: one batch of {@link #APPEND}, sent in one round trip. A statement that moved nothing (another
   * event moved its shipment first) returns no row; the numbers of the others come back in order. The group locks its
   * shipments in waybill order (arrival order within one parcel), so two groups in flight never wait on each other in
   * a circle.
   */
  private static List<Optional<Integer>> appendAll(Connection c, List<Append> group) throws SQLException {
    Integer[] order = new Integer[group.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> group.get(i).shipment().waybill()));
    try (PreparedStatement st = c.prepareStatement(APPEND, new String[] {"seq"})) {
      for (int i : order) {
        bind(st, group.get(i), false);
        st.addBatch();
      }
      int[] counts = st.executeBatch();
      List<Optional<Integer>> out = new java.util.ArrayList<>(java.util.Collections.nCopies(group.size(),
          Optional.<Integer>empty()));
      try (ResultSet numbers = st.getGeneratedKeys()) {
        for (int k = 0; k < counts.length; k++) {
          if (counts[k] > 0 && numbers.next()) {
            out.set(order[k], Optional.of(numbers.getInt(1)));
          }
        }
      }
      return out;
    }
  }

  /** Binds {@link #APPEND}, or with {@code call} {@link #APPEND_CALL}, which has no second waybill and time. */
  private static void bind(PreparedStatement st, Append append, boolean call) throws SQLException {
    Shipment s = append.shipment();
    Shipment.Assignment a = append.assignment();
    ShipmentEvent e = append.event();
    st.setString(1, append.next().name());
    st.setObject(2, utc(e.recordedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
    st.setString(3, a.pickupCourierId());
    st.setString(4, a.deliveryCourierId());
    st.setObject(5, utc(a.assignedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
    st.setObject(6, utc(a.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
    st.setString(7, s.waybill());
    st.setString(8, s.state().name());
    int i = 9;
    if (!call) {
      st.setString(i++, e.waybill());
    }
    st.setString(i++, e.type());
    st.setString(i++, e.stationCode());
    st.setString(i++, e.courierId());
    st.setString(i++, e.principalId());
    st.setObject(i++, e.weightGrams(), Types.INTEGER);
    st.setObject(i++, utc(e.at()), Types.TIMESTAMP_WITH_TIMEZONE);
    if (!call) {
      st.setObject(i++, utc(e.recordedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
    }
    st.setString(i++, append.ticket());
    st.setString(i++, e.reason());
    st.setObject(i, e.codCollected(), Types.BOOLEAN);
  }

  /**
   * The way without the counter: the guarded update, then the number read as MAX(seq) + 1 under the update's row
   * lock (a separate statement sees the events committed before the lock was granted), then the insert; the counter
   * is set to the number taken. Empty if another event moved the shipment first.
   */
  private Optional<Integer> appendCounting(Shipment s, ShipmentState next, Shipment.Assignment a, ShipmentEvent e,
      @Nullable String ticket) {
    try {
      return Optional.of(sql.inTransaction("could not record the event", h -> {
        int moved = bindMove(h.createUpdate("UPDATE shipments SET state = :next, updated_at = :recordedAt, "
                + "pickup_courier_id = :pickup, delivery_courier_id = :delivery, assigned_at = :assignedAt, "
                + "finished_at = :finishedAt WHERE waybill = :waybill AND state = :current"), s, next, a, e)
            .execute();
        if (moved != 1) {
          throw new Overtaken();
        }
        // The number is read first, then inserted as a value: distributed PostgreSQL (Citus) refuses a sub-select
        // inside INSERT ... VALUES.
        int seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM shipment_events WHERE waybill = :waybill")
            .bind("waybill", e.waybill()).mapTo(Integer.class).one();
        bindEvent(h.createUpdate("INSERT INTO shipment_events (waybill, seq, type, station_code, courier_id, "
                + "principal_id, weight_grams, at, recorded_at, ticket, reason, cod_collected) "
                + "VALUES (:waybill, :seq, :type, :station, :courier, :principal, :weight, :at, :recordedAt, "
                + ":ticket, :reason, :cod)"), e, ticket)
            .bind("seq", seq).execute();
        h.createUpdate("UPDATE shipments SET event_seq = :seq WHERE waybill = :waybill")
            .bind("seq", seq).bind("waybill", e.waybill()).execute();
        return seq;
      }));
    } catch (Overtaken | DuplicateKeyException lost) {
      return Optional.empty();
    }
  }

  private static @Nullable OffsetDateTime utc(@Nullable Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static <S extends SqlStatement<S>> S bindMove(S st, Shipment s, ShipmentState next, Shipment.Assignment a,
      ShipmentEvent e) {
    return st.bind("next", next.name()).bind("recordedAt", e.recordedAt())
        .bind("pickup", a.pickupCourierId()).bind("delivery", a.deliveryCourierId())
        .bindByType("assignedAt", a.assignedAt(), Instant.class)
        .bindByType("finishedAt", a.finishedAt(), Instant.class)
        .bind("waybill", s.waybill()).bind("current", s.state().name());
  }

  private static <S extends SqlStatement<S>> S bindEvent(S st, ShipmentEvent e, @Nullable String ticket) {
    return st.bind("waybill", e.waybill()).bind("type", e.type()).bind("station", e.stationCode())
        .bind("courier", e.courierId()).bind("principal", e.principalId()).bind("weight", e.weightGrams())
        .bind("at", e.at()).bind("recordedAt", e.recordedAt()).bind("ticket", ticket)
        .bind("reason", e.reason()).bindByType("cod", e.codCollected(), Boolean.class);
  }

  /** The shipment's state as stored now. */
  public Optional<ShipmentState> currentState(String waybill) {
    return sql.withHandle("could not read the shipment", h -> h.createQuery(
            "SELECT state FROM shipments WHERE waybill = :waybill")
        .bind("waybill", waybill).map((rs, ctx) -> ShipmentState.valueOf(rs.getString("state"))).findOne());
  }

  public List<ShipmentEvent> of(String waybill) {
    return sql.withHandle("could not read shipment events", h -> h.createQuery("SELECT waybill, seq, type, "
            + "station_code, courier_id, principal_id, weight_grams, at, recorded_at, reason, cod_collected "
            + "FROM shipment_events "
            + "WHERE waybill = :waybill ORDER BY seq")
        .bind("waybill", waybill).map(EVENT).list());
  }
}

package org.parcelveil.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.GroupCommit;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.SealedPerson;

/** Shipments and idempotency keys as rows. */
public final class ShipmentRepository implements AutoCloseable {
  static final String COLUMNS = "waybill, merchant_id, reference, state, origin_province, origin_city, "
      + "origin_district, dest_province, dest_city, dest_district, sort_code, weight_grams, length_cm, width_cm, "
      + "height_cm, cod_cents, cod_currency, retention_day, created_at, updated_at, shredded_at, canary, "
      + "sender_name, sender_phone, sender_street, sender_detail, sender_phone_idx, "
      + "recipient_name, recipient_phone, recipient_street, recipient_detail, recipient_phone_idx, "
      + "platform_id, platform_order_id, buyer_pseudonym, payment, delivery_pin";
  static final String SELECT = "SELECT " + COLUMNS
      + ", pickup_courier_id, delivery_courier_id, assigned_at, finished_at FROM shipments ";
  /** The insert of one row, bound by position by {@link #bind(PreparedStatement, Shipment)}. */
  static final String INSERT = "INSERT INTO shipments (" + COLUMNS + ") VALUES ("
      + String.join(", ", java.util.Collections.nCopies(COLUMNS.split(",").length, "?")) + ")";
  private static final int CHUNK = 1000;

  /** A row selected with {@link #SELECT}. */
  static final RowMapper<Shipment> SHIPMENT = (rs, ctx) -> read(rs);

  private final Sql sql;
  private final @Nullable GroupCommit<Shipment, Integer> singles;

  /** Every insert commits on its own. */
  public ShipmentRepository(DataSource dataSource) {
    this(dataSource, false);
  }

  /**
   * With {@code groupCommit}, single creations that arrive together are inserted in one transaction
   * ({@link GroupCommit}); each still answers only after the commit that holds its row. Not on Citus, where one
   * transaction over many parcels would span shards.
   */
  public ShipmentRepository(DataSource dataSource, boolean groupCommit) {
    this.sql = Sql.over(dataSource);
    this.singles = groupCommit
        ? new GroupCommit<>("shipments", dataSource, ShipmentRepository::insertAll, this::insertAlone,
            GroupCommit.WRITERS, GroupCommit.MAX_GROUP, GroupCommit.TIMEOUT)
        : null;
  }

  /** Stops the group writers, if any. */
  @Override
  public void close() {
    if (singles != null) {
      singles.close();
    }
  }

  /** An idempotency key taken by an earlier request. */
  public record IdempotencyRecord(String requestHash, String waybill) {}

  /** The key was taken between our look-up and our insert: the caller re-reads it. */
  public static final class IdempotencyRaceException extends RuntimeException {
    IdempotencyRaceException() {
      super(null, null, false, false);
    }
  }

  /**
   * Inserts shipments in one transaction, with the idempotency key if given: all are stored, or none.
   *
   * @throws IdempotencyRaceException if another request took the key first
   */
  public void insert(List<Shipment> shipments, String merchantId, String idemKey, String requestHash) {
    if (shipments.size() == 1 && idemKey == null) {
      if (singles != null) {
        singles.write(shipments.get(0));
      } else {
        insertAlone(shipments.get(0));
      }
      return;
    }
    try {
      sql.useTransaction("could not store shipments", h -> {
        try (PreparedStatement st = h.getConnection().prepareStatement(INSERT)) {
          int n = 0;
          for (Shipment s : shipments) {
            bind(st, s);
            st.addBatch();
            if (++n % CHUNK == 0) {
              st.executeBatch();
            }
          }
          if (n % CHUNK != 0) {
            st.executeBatch();
          }
        } catch (SQLException e) {
          throw Sql.translate("could not store shipments", e);
        }
        if (idemKey != null) {
          h.createUpdate("INSERT INTO idempotency_keys (merchant_id, idem_key, request_hash, waybill, created_at) "
                  + "VALUES (:merchant, :key, :hash, :waybill, :createdAt)")
              .bind("merchant", merchantId).bind("key", idemKey).bind("hash", requestHash)
              .bind("waybill", shipments.get(0).waybill()).bind("createdAt", shipments.get(0).createdAt())
              .execute();
        }
      });
    } catch (DuplicateKeyException taken) {
      if (idemKey != null) {
        throw new IdempotencyRaceException();
      }
      throw taken;
    }
  }

  /**
   * One row: one statement, committed on its own (one round trip rather than the insert and a COMMIT), on plain
   * JDBC: binding 35 columns by name cost more than the insert's own round trip.
   */
  private Integer insertAlone(Shipment s) {
    return sql.withConnection("could not store shipments", c -> {
      try (PreparedStatement st = c.prepareStatement(INSERT)) {
        bind(st, s);
        return st.executeUpdate();
      }
    });
  }

  /** A group of single creations: one batch (one multi-row insert, as the driver rewrites it). */
  private static List<Integer> insertAll(Connection c, List<Shipment> rows) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(INSERT)) {
      for (Shipment s : rows) {
        bind(st, s);
        st.addBatch();
      }
      st.executeBatch();
    }
    return java.util.Collections.nCopies(rows.size(), 1);
  }

  /** Replaces both parties' ciphertext with copies sealed under an earlier bucket, if the row is still in {@code from}. */
  public boolean rebucket(String waybill, LocalDate from, LocalDate to, SealedPerson sender, SealedPerson recipient) {
    return sql.withHandle("could not move the shipment to its retention bucket", h -> bindSealed(bindSealed(
        h.createUpdate("UPDATE shipments SET retention_day = :to, sender_name = :senderName, "
            + "sender_phone = :senderPhone, sender_street = :senderStreet, sender_detail = :senderDetail, "
            + "sender_phone_idx = :senderPhoneIdx, recipient_name = :recipientName, recipient_phone = :recipientPhone, "
            + "recipient_street = :recipientStreet, recipient_detail = :recipientDetail, "
            + "recipient_phone_idx = :recipientPhoneIdx "
            + "WHERE waybill = :waybill AND retention_day = :from AND shredded_at IS NULL"),
        "sender", sender), "recipient", recipient)
        .bind("to", to).bind("waybill", waybill).bind("from", from)
        .execute() == 1);
  }

  public Optional<IdempotencyRecord> findIdempotency(String merchantId, String idemKey) {
    return sql.withHandle("could not read idempotency keys", h -> h.createQuery(
            "SELECT request_hash, waybill FROM idempotency_keys WHERE merchant_id = :merchant AND idem_key = :key")
        .bind("merchant", merchantId).bind("key", idemKey)
        .map((rs, ctx) -> new IdempotencyRecord(rs.getString("request_hash"), rs.getString("waybill")))
        .findOne());
  }

  /** One shipment by number: every scan and view reads it, so on plain JDBC ({@link Sql#withConnection}). */
  public Optional<Shipment> find(String waybill) {
    return sql.withConnection("could not read the shipment", c -> {
      try (PreparedStatement st = c.prepareStatement(SELECT + "WHERE waybill = ?")) {
        st.setString(1, waybill);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<Shipment>empty();
        }
      }
    });
  }

  /** A merchant's shipments, newest first. */
  public List<Shipment> findByMerchant(String merchantId, int limit) {
    return sql.withHandle("could not read shipments", h -> h.createQuery(SELECT
            + "WHERE merchant_id = :merchant ORDER BY created_at DESC, waybill FETCH FIRST :limit ROWS ONLY")
        .bind("merchant", merchantId).bind("limit", limit).map(SHIPMENT).list());
  }

  /** A shipment of a merchant's list, with when its label was first printed (null if never). */
  public record Listed(Shipment shipment, @Nullable Instant printedAt) {}

  /**
   * Up to {@code fetch} of a merchant's shipments that pass {@code filter}, newest first by (created_at, waybill),
   * after the position ({@code afterAt}, {@code afterWaybill}) when given. Served by the index shipments_merchant_page
   * (V120); on Citus every shard answers its first rows and the coordinator merges them.
   */
  public List<Listed> page(String merchantId, ShipmentFilter filter, @Nullable Instant afterAt,
      @Nullable String afterWaybill, int fetch) {
    return sql.withHandle("could not read shipments", h -> {
      var q = h.createQuery(pageStatement(filter, afterAt != null)).bind("merchant", merchantId).bind("limit", fetch);
      bindFilter(q, filter);
      if (afterAt != null) {
        q.bind("afterAt", OffsetDateTime.ofInstant(afterAt, ZoneOffset.UTC)).bind("afterWaybill", afterWaybill);
      }
      return q.map((rs, ctx) -> new Listed(read(rs), instant(rs.getTimestamp("printed_at")))).list();
    });
  }

  /**
   * The statement of {@link #page} (package-private for the test of its plan). The cursor is a row comparison, which
   * PostgreSQL takes as a range condition on the index, so a page deep in the list costs what the first one does.
   */
  static String pageStatement(ShipmentFilter filter, boolean afterCursor) {
    StringBuilder where = where(filter);
    if (afterCursor) {
      where.append(" AND (created_at, waybill) < (:afterAt, :afterWaybill)");
    }
    return SELECT.replace(" FROM shipments ", ", printed_at FROM shipments ") + where
        + " ORDER BY created_at DESC, waybill DESC FETCH FIRST :limit ROWS ONLY";
  }

  /** How many of a merchant's shipments pass {@code filter} (the console shows the total beside a page). */
  public long count(String merchantId, ShipmentFilter filter) {
    StringBuilder where = where(filter);
    return sql.withHandle("could not count shipments", h -> {
      var q = h.createQuery("SELECT COUNT(*) FROM shipments " + where).bind("merchant", merchantId);
      bindFilter(q, filter);
      return q.mapTo(Long.class).one();
    });
  }

  /** The WHERE clause of a merchant's list under {@code filter}, bound by {@link #bindFilter}. */
  private static StringBuilder where(ShipmentFilter filter) {
    StringBuilder where = new StringBuilder("WHERE merchant_id = :merchant");
    if (filter.reference() != null) {
      where.append(" AND reference = :reference");
    }
    if (filter.state() != null) {
      where.append(" AND state = :state");
    }
    if (filter.createdFrom() != null) {
      where.append(" AND created_at >= :from");
    }
    if (filter.createdTo() != null) {
      where.append(" AND created_at < :to");
    }
    return where;
  }

  private static void bindFilter(org.jdbi.v3.core.statement.Query q, ShipmentFilter filter) {
    if (filter.reference() != null) {
      q.bind("reference", filter.reference());
    }
    if (filter.state() != null) {
      q.bind("state", filter.state().name());
    }
    if (filter.createdFrom() != null) {
      q.bind("from", OffsetDateTime.ofInstant(filter.createdFrom(), ZoneOffset.UTC));
    }
    if (filter.createdTo() != null) {
      q.bind("to", OffsetDateTime.ofInstant(filter.createdTo(), ZoneOffset.UTC));
    }
  }

  public Optional<Instant> printedAt(String waybill) {
    return sql.withHandle("could not read the shipment", h -> h.createQuery(
            "SELECT printed_at FROM shipments WHERE waybill = :waybill")
        .bind("waybill", waybill).mapTo(Instant.class).findOne());
  }

  /** Notes that these shipments' labels were handed out for printing, keeping the first time each was. */
  public void printed(List<String> waybills, Instant at) {
    if (waybills.isEmpty()) {
      return;
    }
    sql.withHandle("could not note the printed labels", h -> h.createUpdate(
            "UPDATE shipments SET printed_at = :at WHERE waybill IN (<waybills>) AND printed_at IS NULL")
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).bindList("waybills", waybills).execute());
  }

  /** Shipments whose sender or recipient phone has one of these blind indexes, newest first. */
  public List<Shipment> findByPhoneIndex(List<String> indexes, int limit) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    Map<String, Shipment> found = new LinkedHashMap<>();
    // Two indexed look-ups rather than one OR, which some engines answer with a full scan.
    for (String column : List.of("sender_phone_idx", "recipient_phone_idx")) {
      sql.withHandle("could not read shipments", h -> h.createQuery(SELECT + "WHERE " + column
              + " IN (<indexes>) ORDER BY created_at DESC, waybill FETCH FIRST :limit ROWS ONLY")
          .bindList("indexes", indexes).bind("limit", limit).map(SHIPMENT).list())
          .forEach(s -> found.putIfAbsent(s.waybill(), s));
    }
    return found.values().stream()
        .sorted(Comparator.comparing(Shipment::createdAt).reversed().thenComparing(Shipment::waybill))
        .limit(limit).toList();
  }

  public long count() {
    return sql.withHandle("could not count shipments", h -> h.createQuery("SELECT COUNT(*) FROM shipments")
        .mapTo(Long.class).one());
  }

  /** Binds {@code s} to {@link #INSERT}, in the order of {@link #COLUMNS}. */
  static void bind(PreparedStatement st, Shipment s) throws SQLException {
    int i = 1;
    st.setString(i++, s.waybill());
    st.setString(i++, s.merchantId());
    st.setString(i++, s.reference());
    st.setString(i++, s.state().name());
    for (Area a : List.of(s.origin(), s.destination())) {
      st.setString(i++, a.province());
      st.setString(i++, a.city());
      st.setString(i++, a.district());
    }
    st.setString(i++, s.sortCode());
    st.setInt(i++, s.parcel().weightGrams());
    st.setObject(i++, s.parcel().lengthCm(), Types.INTEGER);
    st.setObject(i++, s.parcel().widthCm(), Types.INTEGER);
    st.setObject(i++, s.parcel().heightCm(), Types.INTEGER);
    st.setObject(i++, s.cod() == null ? null : s.cod().amountCents(), Types.BIGINT);
    st.setString(i++, s.cod() == null ? null : s.cod().currency());
    st.setObject(i++, s.retentionDay());
    st.setTimestamp(i++, Timestamp.from(s.createdAt()));
    st.setTimestamp(i++, Timestamp.from(s.updatedAt()));
    st.setTimestamp(i++, s.shreddedAt() == null ? null : Timestamp.from(s.shreddedAt()));
    st.setBoolean(i++, s.canary());
    for (SealedPerson p : List.of(s.sender(), s.recipient())) {
      st.setBytes(i++, p.name());
      st.setBytes(i++, p.phone());
      st.setBytes(i++, p.street());
      st.setBytes(i++, p.detail());
      st.setString(i++, p.phoneIndex());
    }
    SealedOrder o = s.sealedOrder();
    st.setString(i++, o == null ? null : o.platformId());
    st.setString(i++, o == null ? null : o.orderId());
    st.setString(i++, o == null ? null : o.buyer());
    st.setString(i++, s.payment().name());
    st.setBoolean(i++, s.deliveryPin());
  }

  private static <S extends SqlStatement<S>> S bindSealed(S st, String party, SealedPerson p) {
    return st.bind(party + "Name", p.name()).bind(party + "Phone", p.phone()).bind(party + "Street", p.street())
        .bind(party + "Detail", p.detail()).bind(party + "PhoneIdx", p.phoneIndex());
  }

  private static Shipment read(ResultSet rs) throws SQLException {
    Area origin = new Area(rs.getString("origin_province"), rs.getString("origin_city"),
        rs.getString("origin_district"));
    Area dest = new Area(rs.getString("dest_province"), rs.getString("dest_city"), rs.getString("dest_district"));
    Parcel parcel = new Parcel(rs.getInt("weight_grams"), rs.getObject("length_cm", Integer.class),
        rs.getObject("width_cm", Integer.class), rs.getObject("height_cm", Integer.class));
    long codCents = rs.getLong("cod_cents");
    Cod cod = rs.wasNull() ? null : new Cod(codCents, rs.getString("cod_currency"));
    return new Shipment(rs.getString("waybill"), rs.getString("merchant_id"), rs.getString("reference"),
        ShipmentState.valueOf(rs.getString("state")), origin, dest, rs.getString("sort_code"), parcel, cod,
        rs.getObject("retention_day", LocalDate.class), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(), instant(rs.getTimestamp("shredded_at")), rs.getBoolean("canary"),
        sealed(rs, origin, "sender"), sealed(rs, dest, "recipient"),
        new Shipment.Assignment(rs.getString("pickup_courier_id"), rs.getString("delivery_courier_id"),
            instant(rs.getTimestamp("assigned_at")), instant(rs.getTimestamp("finished_at"))),
        rs.getString("platform_id") == null ? null : new SealedOrder(rs.getString("platform_id"),
            rs.getString("platform_order_id"), rs.getString("buyer_pseudonym")),
        Payment.valueOf(rs.getString("payment")), rs.getBoolean("delivery_pin"));
  }

  private static SealedPerson sealed(ResultSet rs, Area area, String party) throws SQLException {
    return new SealedPerson(area, rs.getBytes(party + "_name"), rs.getBytes(party + "_phone"),
        rs.getBytes(party + "_street"), rs.getBytes(party + "_detail"), rs.getString(party + "_phone_idx"));
  }

  static @Nullable Instant instant(@Nullable Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
